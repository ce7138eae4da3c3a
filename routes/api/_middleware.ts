import { apiGate } from "../../lib/middleware/api_gate.ts";

export const handler = apiGate();
