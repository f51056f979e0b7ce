// Small programs several tiers analyse.

/** A Flask route that returns an OpenAI answer without a disclosure: one DIS001 on its return line (9). */
export const CHAT_APP = `from flask import Flask, jsonify, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI()

@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content)
`;

/** Time within which the language server must answer, however hostile the document. */
export const ANSWER_LIMIT_MS = 10_000;

/** `promise`, or a rejection naming `what` when it takes longer than ANSWER_LIMIT_MS. */
export function withLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_LIMIT_MS} ms`)), ANSWER_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
