/**
 * `/demo`: a small website of the demo salon with the one-line widget tag, as a business would
 * embed it. The key is the demo business's (DATA_DIR/demo.json) unless `?key=pk_…` is given.
 * @module
 */
import { renderToString } from "preact-render-to-string";
import type { Ctx } from "../lib/app_env.ts";
import { readDemoKey } from "../lib/demo_key.ts";

const STYLE = `
body{margin:0;font-family:Georgia,"Times New Roman",serif;color:#2b2118;background:#faf6f1}
header{background:#3d2b1f;color:#fff;padding:48px 24px;text-align:center}
header h1{margin:0 0 8px;font-size:40px;font-weight:normal}
header p{margin:0;font-size:18px;color:#f1e4d6}
main{max-width:880px;margin:0 auto;padding:32px 24px 120px}
h2{font-weight:normal;border-bottom:1px solid #d8c8b8;padding-bottom:6px}
ul.services{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
ul.services li{background:#fff;border:1px solid #e6d9cc;border-radius:8px;padding:12px 16px;display:flex;justify-content:space-between}
.note{background:#fff;border-left:4px solid #0f5d5e;padding:12px 16px;font-family:system-ui,sans-serif;font-size:15px}
code{background:#efe6dc;padding:2px 6px;border-radius:4px;font-size:14px}
footer{text-align:center;color:#6b5a4c;font-size:14px;padding:24px}
`;

const SERVICES: [string, number][] = [
  ["Saç Kesimi", 450],
  ["Erkek Saç Kesimi", 300],
  ["Fön", 250],
  ["Saç Boyama", 1800],
  ["Manikür", 400],
  ["Pedikür", 500],
  ["Cilt Bakımı", 900],
  ["Kaş Alımı", 150],
];

const lira = new Intl.NumberFormat("tr-TR", {
  style: "currency",
  currency: "TRY",
  maximumFractionDigits: 0,
});

/** The demo business's publishable key, when this server seeded it. */
async function demoKey(c: Ctx): Promise<string | null> {
  const deps = c.get("deps");
  try {
    const stored = JSON.parse(await Deno.readTextFile(`${deps.config.dataDir}/demo.json`));
    return stored.tenant_id ? await readDemoKey(deps, stored.tenant_id) : null;
  } catch {
    return null;
  }
}

function Page({ widgetKey }: { widgetKey: string | null }) {
  return (
    <html lang="tr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Işıl Güzellik Salonu — Kadıköy</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <h1>Işıl Güzellik Salonu</h1>
          <p>Moda Caddesi No: 42, Kadıköy / İstanbul · Pazartesi–Cumartesi 09:00–19:00</p>
        </header>
        <main>
          <h2>Hizmetlerimiz</h2>
          <ul class="services">
            {SERVICES.map(([name, price]) => (
              <li key={name}>
                <span>{name}</span>
                <span>{lira.format(price)}</span>
              </li>
            ))}
          </ul>
          <h2>Online randevu ve sipariş</h2>
          {widgetKey
            ? (
              <p class="note">
                Sağ alttaki sohbet düğmesiyle asistanımıza yazın: hizmetleri ve fiyatları sorun, boş
                saatleri öğrenin, randevu alın ya da ürün sipariş edin. Bu sayfadaki sohbet tek
                satırlık bir etiketle eklendi:{" "}
                <code>{`<script src="/widget.js" data-key="${widgetKey}" async></script>`}</code>
              </p>
            )
            : (
              <p class="note">
                Demo işletmenin anahtarı bulunamadı. Sunucuyu <code>DEMO_SEED=true</code>{" "}
                ile başlatın ya da adrese <code>?key=pk_…</code> ekleyin.
              </p>
            )}
        </main>
        <footer>© Işıl Güzellik Salonu · Bu sayfa Arma'nın demo sitesidir.</footer>
        {widgetKey && <script src="/widget.js" data-key={widgetKey} async />}
      </body>
    </html>
  );
}

export const handler = {
  async GET(c: Ctx) {
    const asked = c.req.query("key");
    const widgetKey = asked && /^pk_[A-Za-z0-9_-]{8,200}$/.test(asked) ? asked : await demoKey(c);
    return c.html(`<!DOCTYPE html>${renderToString(<Page widgetKey={widgetKey} />)}`);
  },
};
