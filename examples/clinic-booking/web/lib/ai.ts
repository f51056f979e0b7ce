// Shared model set-up for the patient website.
import { openai } from "@ai-sdk/openai";

export const chatModel = openai("gpt-4o-mini");
export const posterModel = openai.image("dall-e-3");

export const CLINIC_RULES = [
  "You answer questions about opening hours, vaccinations and booking at our Kowloon clinics.",
  "Never give a diagnosis; suggest booking a consultation instead.",
].join("\n");
