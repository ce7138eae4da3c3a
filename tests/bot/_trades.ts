/**
 * Test support: businesses of other trades than the salon (a dental clinic, a barber) for the
 * offline assistant's simulator, with a tool script that answers from their offerings.
 * @module
 */
import type { BusinessContext, ToolCall, ToolResult } from "../../services/bot/model.ts";
import { BUSINESS } from "./_offline_sim.ts";

interface Described {
  id: string;
  name: string;
  price: number;
  description: string;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Ids of the trades' offerings and staff. */
export const TRADE_ID = {
  checkup: id(101),
  scaling: id(102),
  whitening: id(103),
  rootCanal: id(104),
  filling: id(105),
  extraction: id(106),
  drAli: id(111),
  drSelin: id(112),
  cut: id(201),
  beard: id(202),
  kidsCut: id(203),
  beardOil: id(211),
  comb: id(212),
  aliUsta: id(221),
} as const;

const CLINIC_SERVICES: (Described & { duration_minutes: number })[] = [
  {
    id: TRADE_ID.checkup,
    name: "Muayene",
    price: 500,
    duration_minutes: 20,
    description: "Genel diş muayenesi ve kontrol.",
  },
  {
    id: TRADE_ID.scaling,
    name: "Diş Taşı Temizliği",
    price: 1200,
    duration_minutes: 40,
    description: "Diş taşı temizliği ve cila.",
  },
  {
    id: TRADE_ID.whitening,
    name: "Diş Beyazlatma",
    price: 4000,
    duration_minutes: 60,
    description: "Ofis tipi beyazlatma.",
  },
  {
    id: TRADE_ID.rootCanal,
    name: "Kanal Tedavisi",
    price: 3500,
    duration_minutes: 90,
    description: "Tek seans kanal tedavisi, lokal anestezi dahil.",
  },
  {
    id: TRADE_ID.filling,
    name: "Dolgu",
    price: 1500,
    duration_minutes: 45,
    description: "Kompozit dolgu.",
  },
  {
    id: TRADE_ID.extraction,
    name: "Diş Çekimi",
    price: 1000,
    duration_minutes: 30,
    description: "Basit diş çekimi.",
  },
];

const BARBER_SERVICES: (Described & { duration_minutes: number })[] = [
  {
    id: TRADE_ID.cut,
    name: "Saç Kesimi",
    price: 300,
    duration_minutes: 30,
    description: "Makas ve makine ile kesim, yıkama dahil.",
  },
  {
    id: TRADE_ID.beard,
    name: "Sakal Tıraşı",
    price: 150,
    duration_minutes: 20,
    description: "Ustura ile sakal tıraşı, sıcak havlu dahil.",
  },
  {
    id: TRADE_ID.kidsCut,
    name: "Çocuk Tıraşı",
    price: 200,
    duration_minutes: 20,
    description: "12 yaş altı çocuklar için saç kesimi.",
  },
];

const BARBER_PRODUCTS: Described[] = [
  {
    id: TRADE_ID.beardOil,
    name: "Sakal Yağı",
    price: 250,
    description: "Sakalı yumuşatan bakım yağı, 30 ml.",
  },
  { id: TRADE_ID.comb, name: "Ahşap Tarak", price: 100, description: "El yapımı ahşap tarak." },
];

/** A dental clinic with a plain checkup besides the treatments. */
export const CLINIC: BusinessContext = {
  ...BUSINESS,
  name: "Gülüş Diş Kliniği",
  industry: "Diş kliniği",
  greeting: "Merhaba! Gülüş Diş Kliniği'ne hoş geldiniz.",
  services: CLINIC_SERVICES.map((s) => ({
    id: s.id,
    name: s.name,
    price: s.price,
    duration_minutes: s.duration_minutes,
    category: "Diş",
  })),
  products: [],
  staff: [{ id: TRADE_ID.drAli, name: "Dr. Ali Kaya" }, {
    id: TRADE_ID.drSelin,
    name: "Dr. Selin Ak",
  }],
};

/** A barber that sells a few grooming products. */
export const BARBER: BusinessContext = {
  ...BUSINESS,
  name: "Usta Berber",
  industry: "Berber",
  greeting: "Merhaba! Usta Berber'e hoş geldiniz.",
  services: BARBER_SERVICES.map((s) => ({
    id: s.id,
    name: s.name,
    price: s.price,
    duration_minutes: s.duration_minutes,
    category: null,
  })),
  products: BARBER_PRODUCTS.map((p) => ({
    id: p.id,
    name: p.name,
    price: p.price,
    category: null,
    in_stock: true,
  })),
  staff: [{ id: TRADE_ID.aliUsta, name: "Ali Usta" }],
};

/**
 * Answers the trades' detail, stock and handover calls from the offerings above; free times and
 * knowledge searches find nothing. Anything else fails the test.
 */
export function tradeTools(call: ToolCall): Omit<ToolResult, "id" | "name"> | undefined {
  const service = [...CLINIC_SERVICES, ...BARBER_SERVICES].find((s) =>
    s.id === call.args.service_id
  );
  const product = BARBER_PRODUCTS.find((p) => p.id === call.args.product_id);
  switch (call.name) {
    case "get_service_details":
      return service && { result: { ...service, staff: [] } };
    case "get_product_details":
      return product && {
        result: { ...product, brand: null, usage: null, in_stock: true },
      };
    case "check_stock":
      return product && {
        result: { product_id: product.id, name: product.name, available: 12, in_stock: true },
      };
    case "check_availability":
      return service && {
        result: { service, timezone: "Europe/Istanbul", slots: [], more: false },
      };
    case "search_knowledge":
      return { result: { results: [] } };
    case "request_handover":
      return { result: { success: true } };
    default:
      return undefined;
  }
}
