/**
 * The ways a customer may pay for an order placed through the assistant, from what the business
 * takes: no cash on delivery, no transfer without an account, no card on a shipped order without
 * online payment.
 * @module
 */
import { takesBankTransfer } from "./context.ts";

/** What the business's payment settings say. */
export interface PaymentSettings {
  iban: string;
  manual_instructions: string;
  accept_cash: boolean;
}

/**
 * The payment methods create_order takes from a customer: online (card) when a provider is set or
 * the order is picked up and paid by card there, bank transfer when the business takes transfers,
 * cash (when accepted) or at the shop only for a pick-up.
 */
export function customerPaymentMethods(
  payments: PaymentSettings,
  delivery: "shipping" | "pickup",
  online: boolean,
): string[] {
  const pickup = delivery === "pickup";
  return [
    ...(online || pickup ? ["card", "credit_card", "online"] : []),
    ...(takesBankTransfer(payments) ? ["bank_transfer"] : []),
    ...(pickup ? ["pay_at_shop", ...(payments.accept_cash ? ["cash"] : [])] : []),
  ];
}
