// Patient questions on the clinic website (Next.js route handler, Vercel AI SDK).
import { streamText, experimental_generateImage as generateImage } from "ai";
import { writeFile } from "node:fs/promises";
import { chatModel, CLINIC_RULES, posterModel } from "../../../lib/ai";

export async function POST(req: Request) {
  const { messages, clinicName } = await req.json();
  const result = streamText({
    model: chatModel,
    system: `${CLINIC_RULES}\nYou work for ${clinicName}.`,
    messages,
  });
  console.log("assistant request", messages);
  return result.toTextStreamResponse();
}

export async function PUT(req: Request) {
  const { season } = await req.json();
  const { image } = await generateImage({ model: posterModel, prompt: `Waiting-room poster about ${season} flu vaccination, friendly, bilingual` });
  await writeFile("public/posters/flu.png", image.uint8Array);
  return Response.json({ url: "/posters/flu.png", aiGenerated: true });
}
