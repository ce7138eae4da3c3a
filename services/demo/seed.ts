/**
 * The demo business: a hair and beauty salon in Kadıköy, Istanbul, with services, staff, weekly
 * hours and products, so that a fresh `deno task start` has something to talk to.
 * @module
 */
import type { Db, Tx } from "../../db/types.ts";
import { withTenant } from "../../db/tenant.ts";
import { signup } from "../auth/accounts.ts";
import type { TokenSigner } from "../auth/jwt.ts";
import { createApiKey } from "../auth/keys.ts";
import { createOffering } from "../offerings/offerings.ts";
import { createStaff } from "../staff/staff.ts";
import { updateTenant } from "../tenants/tenants.ts";
import { addKnowledge } from "../bot/knowledge.ts";
import { fillHistory } from "./history.ts";

/** The demo login. */
export const DEMO_EMAIL = "demo@arma.local";
/** The demo password. */
export const DEMO_PASSWORD = "arma-demo-2026";

const weekdays = (days: number[], start: string, end: string) =>
  days.map((weekday) => ({ weekday, start, end }));

async function fillDemo(tx: Tx, now: Date): Promise<void> {
  await updateTenant(tx, {
    phone: "0216 555 12 34",
    email: "merhaba@isilguzellik.example",
    address: {
      street: "Moda Caddesi No: 42",
      district: "Kadıköy",
      city: "İstanbul",
      postal_code: "34710",
      country: "TR",
    },
    assistant: {
      name: "Işıl",
      persona: "Sıcak, kibar ve kısa cevaplar veren bir salon asistanı.",
      policies:
        "Randevular en geç 24 saat öncesine kadar ücretsiz iptal edilebilir. Geç kalan müşterinin randevusu 15 dakika bekletilir. Ödeme nakit veya kartla salonda alınır.",
      greeting_tr: "Merhaba! Işıl Güzellik Salonu'na hoş geldiniz. Size nasıl yardımcı olabilirim?",
      greeting_en: "Hello! Welcome to Işıl Beauty Salon. How can I help you?",
    },
    shipping: { flat_cost: 49.9, free_threshold: 750 },
    kvkk_url: "https://isilguzellik.example/kvkk",
    payments: {
      manual_instructions:
        "Ödemenizi salonda nakit veya kartla ya da havale/EFT ile yapabilirsiniz. Açıklamaya sipariş numaranızı yazınız.",
      iban: "TR12 0006 4000 0011 2345 6789 01",
    },
  });
  const ayse = await createStaff(tx, {
    name: "Ayşe Yılmaz",
    title: "Kuaför",
    color: "#c2410c",
    is_active: true,
    working_hours: weekdays([1, 2, 3, 4, 5], "09:00", "18:00"),
    service_ids: [],
  });
  const mehmet = await createStaff(tx, {
    name: "Mehmet Demir",
    title: "Berber ve kuaför",
    color: "#1d4ed8",
    is_active: true,
    working_hours: weekdays([2, 3, 4, 5, 6], "10:00", "19:00"),
    service_ids: [],
  });
  const zeynep = await createStaff(tx, {
    name: "Zeynep Kaya",
    title: "Güzellik uzmanı",
    color: "#15803d",
    is_active: true,
    working_hours: [
      ...weekdays([1, 3, 5], "09:00", "17:00"),
      ...weekdays([6], "10:00", "19:00"),
    ],
    service_ids: [],
  });
  const hair = [ayse.id, mehmet.id];
  const services = [
    ["Saç Kesimi", "Kadın saç kesimi, yıkama ve şekillendirme dahil.", 45, 5, 10, 450, hair],
    ["Erkek Saç Kesimi", "Makas ve makine ile kesim, yıkama dahil.", 30, 0, 5, 300, [mehmet.id]],
    ["Fön", "Yıkama ve fön.", 30, 0, 5, 250, hair],
    ["Saç Boyama", "Tek renk boya, kesim hariç.", 120, 10, 15, 1800, [ayse.id]],
    ["Manikür", "Klasik manikür ve oje.", 45, 5, 10, 400, [zeynep.id]],
    ["Pedikür", "Klasik pedikür ve oje.", 60, 5, 10, 500, [zeynep.id]],
    ["Cilt Bakımı", "Temizleme, peeling ve nem maskesi.", 60, 10, 10, 900, [zeynep.id]],
    ["Kaş Alımı", "İp veya cımbız ile kaş şekillendirme.", 15, 0, 5, 150, [zeynep.id, ayse.id]],
  ] as const;
  for (const [name, description, duration, prep, cleanup, price, staff] of services) {
    await createOffering(tx, {
      offering_type: "service",
      name,
      description,
      category: ["Manikür", "Pedikür", "Cilt Bakımı", "Kaş Alımı"].includes(name)
        ? "Güzellik"
        : "Saç",
      price,
      currency: "TRY",
      is_active: true,
      meta_info: {
        duration_minutes: duration,
        requires_appointment: true,
        staff_required: true,
        staff_ids: [...staff],
        preparation_time: prep,
        cleanup_time: cleanup,
        max_concurrent: staff.length,
        booking_advance_days: 30,
        cancellation_hours: 24,
      },
    });
  }
  const faq = [
    [
      "Otopark",
      "Salonumuzun hemen arkasında, Moda Caddesi 40 numarada ücretsiz müşteri otoparkı vardır. Ücretsiz otopark: randevulu müşterilerimiz için 2 saate kadar park ücretsizdir. Parking: free customer parking behind the salon for up to 2 hours.",
    ],
    [
      "Ödeme seçenekleri",
      "Salonda nakit, kredi kartı ve banka kartı ile ödeme alıyoruz; taksit yapılmamaktadır. Havale/EFT ile ödeme için IBAN bilgimizi paylaşırız. We accept cash and cards at the salon; no instalments.",
    ],
    [
      "Hediye çeki",
      "Hediye çeklerimiz 500 ₺, 1000 ₺ ve 2000 ₺ değerindedir ve satın alındığı tarihten itibaren 6 ay geçerlidir. Hediye çeki salonumuzdan alınabilir. Gift cards are valid for 6 months.",
    ],
    [
      "Hijyen",
      "Tüm makas, tarak ve manikür aletlerimiz her müşteriden sonra sterilize edilir; tek kullanımlık havlu ve törpü kullanıyoruz. All tools are sterilised after every customer.",
    ],
    [
      "Çocuk saç kesimi",
      "12 yaş altı çocuklar için saç kesimi de yapıyoruz; fiyatı yetişkin kesiminin yarısıdır. Lütfen randevu alırken belirtin. We also cut children's hair (under 12) at half price.",
    ],
    [
      "Geç kalma",
      "15 dakikadan fazla geç kalınırsa randevu iptal edilebilir ya da kısaltılabilir. If you are more than 15 minutes late the appointment may be shortened.",
    ],
  ] as const;
  for (const [title, content] of faq) {
    await addKnowledge(tx, { title, content, source_url: "https://isilguzellik.example/sss" });
  }
  const products = [
    [
      "Nemlendirici Krem",
      "Kuru ve normal ciltler için günlük nemlendirici, 50 ml.",
      450,
      "KREM-001",
      25,
      "Bakım",
      "Işıl Kozmetik",
      "Günde 2 kez temiz cilde uygulayın.",
    ],
    [
      "Argan Yağı Şampuan",
      "Boyalı saçlar için sülfatsız şampuan, 400 ml.",
      320,
      "SMP-002",
      40,
      "Saç",
      "Anatolia Hair",
      "Islak saça uygulayın, köpürtün ve durulayın.",
    ],
    [
      "Keratin Saç Maskesi",
      "Yıpranmış saçlar için onarıcı maske, 250 ml.",
      380,
      "MSK-003",
      15,
      "Saç",
      "Anatolia Hair",
      "Haftada 1-2 kez, 5 dakika bekletip durulayın.",
    ],
    [
      "Tırnak Bakım Yağı",
      "Tırnak eti ve tırnaklar için besleyici yağ, 15 ml.",
      150,
      "TRN-004",
      8,
      "Bakım",
      "Işıl Kozmetik",
      "Her akşam tırnak etlerine masaj yaparak uygulayın.",
    ],
    [
      "Güneş Kremi SPF 50",
      "Yüz için yüksek korumalı güneş kremi, 50 ml.",
      520,
      "GNS-005",
      3,
      "Bakım",
      "Işıl Kozmetik",
      "Güneşe çıkmadan 20 dakika önce uygulayın.",
    ],
  ] as const;
  for (const [name, description, price, sku, stock, category, brand, usage] of products) {
    await createOffering(tx, {
      offering_type: "product",
      name,
      description,
      category,
      price,
      currency: "TRY",
      is_active: true,
      meta_info: {
        sku,
        stock_quantity: stock,
        stock_tracking: true,
        low_stock_threshold: 5,
        shipping_required: true,
        shipping_cost: 0,
        tax_rate: 0.2,
        brand,
        usage,
      },
    });
  }
  await fillHistory(tx, now);
}

/** The demo tenant and a publishable key for it. */
export interface DemoBusiness {
  tenantId: string;
  email: string;
  password: string;
  publishableKey: string;
}

/**
 * Creates the demo business once. When it exists already, returns it with `knownKey` if that key
 * still works, or with a fresh publishable key.
 */
export async function seedDemo(
  db: Db,
  signer: TokenSigner,
  knownKey?: (tenantId: string) => Promise<string | null>,
  now: Date = new Date(),
): Promise<DemoBusiness & { created: boolean }> {
  const [existing] = await db.sql<{ tenant_id: string }[]>`
    select tenant_id from arma_lookup_login(${DEMO_EMAIL}) where tenant_id is not null limit 1`;
  if (existing) {
    const key = await knownKey?.(existing.tenant_id) ?? await withTenant(
      db,
      existing.tenant_id,
      async (tx) =>
        (await createApiKey(tx, { kind: "publishable", name: "Demo", allowed_origins: [] }, null))
          .key,
    );
    return {
      tenantId: existing.tenant_id,
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
      publishableKey: key,
      created: false,
    };
  }
  const session = await signup(
    db,
    {
      business_name: "Işıl Güzellik Salonu",
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
      name: "Işıl Aydın",
      industry: "Kuaför ve güzellik salonu",
      website_url: "https://isilguzellik.example",
      timezone: "Europe/Istanbul",
      locale: "tr",
    },
    signer,
    (tx) => fillDemo(tx, now),
  );
  return {
    tenantId: session.tenant.id,
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    publishableKey: session.publishable_key,
    created: true,
  };
}
