// Generates a realistic Python service module (FastAPI public API, Flask staff console, batch
// helpers) that calls OpenAI and Anthropic, with logging, personal data, disclosure helpers and
// consent checks in varying proportions. Seeded: the same seed gives the same file.
import { createRng } from "./rng.mjs";
import {
  ACTIONS, ANTHROPIC_MODELS, DOMAINS, LANGS, OPENAI_MODELS, PII_FIELDS, TEXT_FIELDS, TONES,
  cap, email, fillToLines, hkid, nameRegistry, pascal, person, phone, plural, snake,
} from "./vocab.mjs";

const I = "    ";

export function generatePython({ seed, lines: target }) {
  const r = createRng(seed);
  const name = nameRegistry(r);
  const domain = r.pick(DOMAINS);
  const models = new Set(); // pydantic models defined so far: handlers reuse them
  const systemPrompts = [];
  const ent = () => r.pick(domain.entities);
  const field = () => r.pick(TEXT_FIELDS);
  const piiField = () => r.pick(PII_FIELDS);

  const header = [
    `"""${cap(domain.name)} operations service: public API (FastAPI), ${domain.staff} console (Flask) and batch jobs.`,
    "",
    "Generated benchmark corpus (scripts/bench): realistic shapes, not a real application.",
    `"""`,
    "from __future__ import annotations",
    "",
    "import base64",
    "import hashlib",
    "import json",
    "import logging",
    "import os",
    "import re",
    "import time",
    "from dataclasses import dataclass, field",
    "from datetime import date, datetime, timedelta, timezone",
    "from functools import wraps",
    "from typing import Any, Iterable, Iterator, Optional",
    "",
    "import anthropic",
    "from fastapi import Depends, FastAPI, HTTPException, Request",
    "from fastapi.responses import StreamingResponse",
    "from flask import Blueprint, Flask, jsonify, render_template, request as flask_request",
    "from openai import OpenAI",
    "from pydantic import BaseModel, Field",
    "from sqlalchemy.orm import Session",
    "",
    "from .db import get_db, session_scope",
    "from .models import AuditLog, ConsentRecord, Note, Record",
    "",
    `log = logging.getLogger("${domain.name}.service")`,
    `audit = logging.getLogger("${domain.name}.audit")`,
    `app = FastAPI(title="${domain.name}-ops")`,
    "console = Flask(__name__)",
    `bp = Blueprint("${domain.staff}", __name__, url_prefix="/${domain.staff}")`,
    `client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])`,
    "claude = anthropic.Anthropic()",
    "",
    `HKID_RE = re.compile(r"\\b[A-Z]{1,2}\\d{6}\\(?[0-9A]\\)?")`,
    `PHONE_RE = re.compile(r"(\\+?852[\\s-]?)?\\b[2-9]\\d{3}[\\s-]?\\d{4}\\b")`,
    `EMAIL_RE = re.compile(r"[\\w.+-]+@[\\w-]+\\.[\\w.]+")`,
    "",
    "",
    "def add_ai_disclosure(text: str) -> str:",
    `${I}"""Labels model output for the people who read it."""`,
    `${I}return f"{text}\\n\\n(AI-generated / 由人工智能生成)"`,
    "",
    "",
    "def redact_hk(text: str) -> str:",
    `${I}text = HKID_RE.sub("[HKID]", text)`,
    `${I}text = PHONE_RE.sub("[PHONE]", text)`,
    `${I}return EMAIL_RE.sub("[EMAIL]", text)`,
    "",
    "",
    "def has_ai_consent(db: Session, subject_id: int, purpose: str) -> bool:",
    `${I}row = db.query(ConsentRecord).filter_by(subject_id=subject_id, purpose=purpose).order_by(ConsentRecord.recorded_at.desc()).first()`,
    `${I}return bool(row and row.granted)`,
    "",
    "",
  ];

  function systemConst() {
    if (systemPrompts.length && r.chance(0.6)) return r.pick(systemPrompts);
    const c = name(`${ent().toUpperCase()}_${r.pick(["SYSTEM", "RULES", "PROMPT", "GUIDE"])}`);
    systemPrompts.push(c);
    pending.push([
      `${c} = (`,
      `${I}"You help ${domain.staff}s at a ${domain.name} business in Hong Kong. "`,
      `${I}"Answer in ${r.pick(LANGS)} unless asked otherwise, keep a ${r.pick(TONES)} tone, "`,
      `${I}"and never invent ${plural(ent())} or reference numbers."`,
      ")",
      "",
      "",
    ]);
    return c;
  }
  // Constants a unit needs are emitted before it.
  let pending = [];
  const withPending = (unit) => {
    const out = pending.flat().concat(unit);
    pending = [];
    return out;
  };

  function modelClass() {
    const e = ent();
    const cls = name(pascal(e, r.pick(["In", "Request", "Payload", "Body", "Form"])), "");
    const f = field();
    models.add({ cls, e, f });
    const lines = [`class ${cls}(BaseModel):`, `${I}${e}_id: int`, `${I}${f}: str = Field(..., max_length=${r.pick([2000, 4000, 8000])})`];
    if (r.chance(0.5)) lines.push(`${I}locale: str = "${r.pick(["en", "zh-HK"])}"`);
    if (r.chance(0.4)) lines.push(`${I}${piiField()}: Optional[str] = None`);
    if (r.chance(0.3)) lines.push(`${I}tags: list[str] = Field(default_factory=list)`);
    return [...lines, "", ""];
  }

  function someModel() {
    if (models.size === 0 || r.chance(0.2)) pending.push(modelClass());
    return [...models][models.size - 1 - Math.floor(r.next() * Math.min(models.size, 6))];
  }

  function disclosureReturn(varName, key) {
    return r.weighted([
      [`${I}return {"${key}": ${varName}}`, 4],
      [`${I}return {"${key}": add_ai_disclosure(${varName})}`, 3],
      [`${I}return {"${key}": ${varName}, "ai_generated": True}`, 3],
    ]);
  }

  function fastapiOpenAI() {
    const m = someModel();
    const action = r.pick(ACTIONS);
    const fn = name(snake(action, m.e));
    const model = r.pick(OPENAI_MODELS);
    const sys = systemConst();
    const lines = [`@app.post("/${plural(m.e)}/{${m.e}_id}/${action}")`, `def ${fn}(${m.e}_id: int, body: ${m.cls}, db: Session = Depends(get_db)):`];
    lines.push(`${I}record = db.get(Record, ${m.e}_id)`, `${I}if record is None:`, `${I}${I}raise HTTPException(status_code=404, detail="${m.e} not found")`);
    const redact = r.chance(0.4);
    lines.push(`${I}text = ${redact ? `redact_hk(body.${m.f})` : `body.${m.f}`}`);
    lines.push(`${I}prompt = f"${cap(action)} this ${m.e} ${m.f} in ${r.int(2, 6)} bullet points for a ${domain.staff}:\\n{text}"`);
    if (r.chance(0.35)) lines.push(`${I}log.info("${action} prompt for ${m.e} %s: %s", ${m.e}_id, prompt)`);
    lines.push(
      `${I}completion = client.chat.completions.create(`,
      `${I}${I}model="${model}",`,
      `${I}${I}temperature=${r.pick(["0", "0.2", "0.3", "0.7"])},`,
      `${I}${I}messages=[`,
      `${I}${I}${I}{"role": "system", "content": ${sys}},`,
      `${I}${I}${I}{"role": "user", "content": prompt},`,
      `${I}${I}],`,
      `${I})`,
      `${I}answer = completion.choices[0].message.content or ""`,
    );
    if (r.chance(0.5)) {
      const consent = r.chance(0.5);
      if (consent) lines.push(`${I}if has_ai_consent(db, ${m.e}_id, "ai_notes"):`, `${I}${I}db.add(Note(subject_id=${m.e}_id, kind="${action}", text=answer))`, `${I}${I}db.commit()`);
      else lines.push(`${I}db.add(Note(subject_id=${m.e}_id, kind="${action}", text=answer))`, `${I}db.commit()`);
    }
    lines.push(disclosureReturn("answer", r.pick([action, "result", "text", "reply"])));
    return [...lines, "", ""];
  }

  function flaskAnthropic() {
    const e = ent();
    const action = r.pick(ACTIONS);
    const f = field();
    const fn = name(snake("staff", action, e));
    const withPii = r.chance(0.4);
    const pf = piiField();
    const lines = [`@bp.route("/${plural(e)}/<int:${e}_id>/${action}", methods=["POST"])`, `def ${fn}(${e}_id: int):`];
    lines.push(`${I}payload = flask_request.get_json(force=True) or {}`, `${I}${f} = payload.get("${f}", "").strip()`);
    lines.push(`${I}if not ${f}:`, `${I}${I}return jsonify({"error": "${f} is required"}), 400`);
    if (withPii) lines.push(`${I}${pf} = payload.get("${pf}")`);
    const content = withPii ? `f"${cap(action)} for ${e} {${e}_id} ({${pf}}): {${f}}"` : `f"${cap(action)} for ${e} {${e}_id}: {${f}}"`;
    lines.push(
      `${I}message = claude.messages.create(`,
      `${I}${I}model="${r.pick(ANTHROPIC_MODELS)}",`,
      `${I}${I}max_tokens=${r.pick([256, 512, 800, 1024])},`,
      `${I}${I}system="You assist ${domain.staff}s. Reply in ${r.pick(LANGS)}; be ${r.pick(TONES)}.",`,
      `${I}${I}messages=[{"role": "user", "content": ${content}}],`,
      `${I})`,
      `${I}reply = "".join(block.text for block in message.content if block.type == "text")`,
    );
    if (r.chance(0.4)) {
      if (r.chance(0.5)) lines.push(`${I}if payload.get("ai_logging_consent"):`, `${I}${I}audit.info("staff ${action} %s -> %s", ${f}, reply)`);
      else lines.push(`${I}audit.info("staff ${action} %s -> %s", ${f}, reply)`);
    }
    if (r.chance(0.3)) lines.push(`${I}return render_template("${e}_${action}.html", ${e}_id=${e}_id, reply=${r.chance(0.5) ? "add_ai_disclosure(reply)" : "reply"})`);
    else lines.push(`${I}return jsonify({"reply": ${r.chance(0.5) ? "add_ai_disclosure(reply)" : "reply"}, "model": message.model})`);
    return [...lines, "", ""];
  }

  function responsesHelper() {
    const e = ent();
    const action = r.pick(ACTIONS);
    const fn = name(snake(action, e, r.pick(["text", "notes", "profile", "history", "request"])));
    const excluded = r.chance(0.5) ? `{"${piiField()}", "${piiField()}"}` : "set()";
    return [
      `def ${fn}(record: dict[str, Any], *, tone: str = "${r.pick(TONES)}") -> str:`,
      `${I}"""${cap(action)}s a ${e} record for the ${domain.staff} dashboard."""`,
      `${I}excluded = ${excluded}`,
      `${I}details = "\\n".join(f"{key}: {value}" for key, value in record.items() if key not in excluded)`,
      `${I}response = client.responses.create(`,
      `${I}${I}model="${r.pick(OPENAI_MODELS)}",`,
      `${I}${I}instructions=f"${cap(action)} the ${e} below in a {tone} tone, at most ${r.int(60, 200)} words.",`,
      `${I}${I}input=details,`,
      `${I})`,
      `${I}return response.output_text.strip()`,
      "",
      "",
    ];
  }

  function serviceClass() {
    const e = ent();
    const cls = name(pascal(e, r.pick(["Service", "Assistant", "Advisor", "Helper", "Workflow"])), "");
    const a1 = r.pick(ACTIONS);
    const a2 = r.pick(ACTIONS.filter((a) => a !== a1));
    const lines = [
      `class ${cls}:`,
      `${I}"""Wraps the model calls the ${e} screens make, with retries and a small cache."""`,
      "",
      `${I}def __init__(self, db: Session, model: str = "${r.pick(OPENAI_MODELS)}", retries: int = ${r.int(1, 4)}) -> None:`,
      `${I}${I}self.db = db`,
      `${I}${I}self.model = model`,
      `${I}${I}self.retries = retries`,
      `${I}${I}self._cache: dict[str, str] = {}`,
      "",
      `${I}def _key(self, *parts: str) -> str:`,
      `${I}${I}return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()`,
      "",
      `${I}def ${a1}(self, ${e}_id: int, text: str) -> str:`,
      `${I}${I}key = self._key("${a1}", str(${e}_id), text)`,
      `${I}${I}if key in self._cache:`,
      `${I}${I}${I}return self._cache[key]`,
      `${I}${I}last_error: Optional[Exception] = None`,
      `${I}${I}for attempt in range(self.retries):`,
      `${I}${I}${I}try:`,
      `${I}${I}${I}${I}completion = client.chat.completions.create(`,
      `${I}${I}${I}${I}${I}model=self.model,`,
      `${I}${I}${I}${I}${I}messages=[{"role": "user", "content": f"${cap(a1)}: {text}"}],`,
      `${I}${I}${I}${I})`,
      `${I}${I}${I}${I}out = completion.choices[0].message.content or ""`,
      `${I}${I}${I}${I}self._cache[key] = out`,
      `${I}${I}${I}${I}return out`,
      `${I}${I}${I}except Exception as exc:  # noqa: BLE001 - retried below`,
      `${I}${I}${I}${I}last_error = exc`,
      `${I}${I}${I}${I}time.sleep(0.5 * (attempt + 1))`,
      `${I}${I}raise RuntimeError(f"${a1} failed for ${e} {${e}_id}") from last_error`,
      "",
      `${I}def ${a2}_and_store(self, ${e}_id: int, text: str) -> Note:`,
      `${I}${I}result = self.${a1}(${e}_id, text)`,
      `${I}${I}note = Note(subject_id=${e}_id, kind="${a2}", text=result)`,
    ];
    if (r.chance(0.5)) lines.push(`${I}${I}if has_ai_consent(self.db, ${e}_id, "ai_notes"):`, `${I}${I}${I}self.db.add(note)`);
    else lines.push(`${I}${I}self.db.add(note)`);
    lines.push(`${I}${I}self.db.commit()`, `${I}${I}return note`, "");
    if (r.chance(0.6)) {
      lines.push(
        `${I}def stats(self) -> dict[str, int]:`,
        `${I}${I}return {"cached": len(self._cache), "retries": self.retries}`,
        "",
      );
    }
    return [...lines, ""];
  }

  function consentEndpoint() {
    const e = ent();
    const purpose = r.pick(["ai_notes", "ai_chat_logging", "ai_marketing", "model_training", "ai_triage"]);
    const fn = name(snake("set", e, purpose, "consent"));
    const m = someModel();
    const lines = [`@app.post("/${plural(e)}/{${e}_id}/consent/${purpose.replace(/_/g, "-")}")`, `def ${fn}(${e}_id: int, granted: bool, db: Session = Depends(get_db)):`];
    lines.push(`${I}record = db.get(Record, ${e}_id)`, `${I}record.${purpose}_consent = granted`);
    if (r.chance(0.6)) lines.push(`${I}db.add(ConsentRecord(subject_id=${e}_id, purpose="${purpose}", granted=granted, recorded_at=datetime.now(timezone.utc)))`);
    lines.push(`${I}db.commit()`, `${I}return {"ok": True, "${e}_id": ${e}_id}`, "", "");
    void m;
    return lines;
  }

  function imageEndpoint() {
    const e = ent();
    const fn = name(snake(e, r.pick(["poster", "banner", "thumbnail", "illustration", "cover"])));
    const lines = [
      `@app.post("/${plural(e)}/{${e}_id}/image")`,
      `def ${fn}(${e}_id: int, theme: str = "${r.pick(["spring", "harbour", "festive", "minimal", "night market"])}"):`,
      `${I}result = client.images.generate(model="gpt-image-1", prompt=f"${cap(domain.name)} ${e} illustration, {theme} theme", size="${r.pick(["1024x1024", "1536x1024"])}")`,
      `${I}data = base64.b64decode(result.data[0].b64_json)`,
      `${I}path = f"/srv/media/${plural(e)}/{${e}_id}-{int(time.time())}.png"`,
    ];
    if (r.chance(0.4)) lines.push(`${I}data = embed_ai_provenance(data)`);
    lines.push(`${I}with open(path, "wb") as fh:`, `${I}${I}fh.write(data)`, `${I}return {"url": path}`, "", "");
    return lines;
  }

  function streamingEndpoint() {
    const m = someModel();
    const fn = name(snake("stream", r.pick(ACTIONS), m.e));
    return [
      `@app.post("/${plural(m.e)}/stream")`,
      `async def ${fn}(body: ${m.cls}, request: Request):`,
      `${I}stream = client.chat.completions.create(`,
      `${I}${I}model="${r.pick(OPENAI_MODELS)}",`,
      `${I}${I}stream=True,`,
      `${I}${I}messages=[{"role": "system", "content": ${systemConst()}}, {"role": "user", "content": body.${m.f}}],`,
      `${I})`,
      "",
      `${I}def chunks() -> Iterator[str]:`,
      `${I}${I}for event in stream:`,
      `${I}${I}${I}delta = event.choices[0].delta.content`,
      `${I}${I}${I}if delta:`,
      `${I}${I}${I}${I}yield delta`,
      "",
      `${I}return StreamingResponse(chunks(), media_type="text/plain", headers={"X-AI-Generated": "true"})`,
      "",
      "",
    ];
  }

  function batchJob() {
    const e = ent();
    const fn = name(snake("run", r.pick(["nightly", "weekly", "hourly", "backfill"]), e, r.pick(ACTIONS)));
    const consent = r.chance(0.5);
    const lines = [
      `def ${fn}(limit: int = ${r.pick([100, 250, 500, 1000])}) -> int:`,
      `${I}"""Batch job: ${r.pick(ACTIONS)}s ${plural(e)} changed since yesterday."""`,
      `${I}since = datetime.now(timezone.utc) - timedelta(days=1)`,
      `${I}done = 0`,
      `${I}with session_scope() as db:`,
      `${I}${I}rows = db.query(Record).filter(Record.updated_at >= since).limit(limit).all()`,
      `${I}${I}for row in rows:`,
    ];
    if (consent) lines.push(`${I}${I}${I}if not has_ai_consent(db, row.id, "ai_notes"):`, `${I}${I}${I}${I}continue`);
    lines.push(
      `${I}${I}${I}message = claude.messages.create(`,
      `${I}${I}${I}${I}model="${r.pick(ANTHROPIC_MODELS)}",`,
      `${I}${I}${I}${I}max_tokens=400,`,
      `${I}${I}${I}${I}messages=[{"role": "user", "content": f"Summarise for the file: {row.${field()}}"}],`,
      `${I}${I}${I})`,
      `${I}${I}${I}db.add(Note(subject_id=row.id, kind="batch", text=message.content[0].text))`,
      `${I}${I}${I}done += 1`,
      `${I}${I}db.commit()`,
      `${I}log.info("${fn}: %d ${plural(e)}", done)`,
      `${I}return done`,
      "",
      "",
    );
    return lines;
  }

  function piiConstants() {
    const c = name(`SAMPLE_${ent().toUpperCase()}${r.chance(0.5) ? "S" : ""}`);
    const rows = r.int(2, 4);
    const lines = [`${c} = [`];
    for (let i = 0; i < rows; i++) {
      const parts = [`"name": "${person(r)}"`];
      if (r.chance(0.6)) parts.push(`"hkid": "${hkid(r)}"`);
      if (r.chance(0.7)) parts.push(`"phone": "${phone(r)}"`);
      if (r.chance(0.4)) parts.push(`"email": "${email(r)}"`);
      lines.push(`${I}{${parts.join(", ")}},`);
    }
    return [...lines, "]", "", ""];
  }

  // ---- Non-AI code: most of a real module.
  function utilParse() {
    const fn = name(snake("parse", ent(), r.pick(["date", "window", "period", "deadline"])));
    return [
      `def ${fn}(value: str | None, default_days: int = ${r.int(1, 30)}) -> tuple[date, date]:`,
      `${I}"""Parses "YYYY-MM-DD..YYYY-MM-DD" (either end optional)."""`,
      `${I}today = date.today()`,
      `${I}if not value:`,
      `${I}${I}return today - timedelta(days=default_days), today`,
      `${I}start_text, _, end_text = value.partition("..")`,
      `${I}start = date.fromisoformat(start_text) if start_text else today - timedelta(days=default_days)`,
      `${I}end = date.fromisoformat(end_text) if end_text else today`,
      `${I}if end < start:`,
      `${I}${I}raise ValueError(f"end {end} is before start {start}")`,
      `${I}return start, end`,
      "",
      "",
    ];
  }

  function utilChunk() {
    const fn = name(snake("chunk", r.pick(["text", "paragraphs", "lines", "tokens"])));
    const size = r.pick([500, 800, 1200, 2000]);
    return [
      `def ${fn}(text: str, size: int = ${size}, overlap: int = ${r.int(0, 100)}) -> list[str]:`,
      `${I}if size <= overlap:`,
      `${I}${I}raise ValueError("size must be larger than overlap")`,
      `${I}out: list[str] = []`,
      `${I}start = 0`,
      `${I}while start < len(text):`,
      `${I}${I}end = min(len(text), start + size)`,
      `${I}${I}cut = text.rfind("\\n", start, end)`,
      `${I}${I}if cut > start + size // 2:`,
      `${I}${I}${I}end = cut`,
      `${I}${I}out.append(text[start:end].strip())`,
      `${I}${I}start = end - overlap if end < len(text) else end`,
      `${I}return [c for c in out if c]`,
      "",
      "",
    ];
  }

  function utilDataclass() {
    const e = ent();
    const cls = name(pascal(e, r.pick(["Row", "Summary", "Snapshot", "Stats", "Entry"])), "");
    const nums = r.shuffle(["count", "total", "pending", "failed", "retried", "skipped"]).slice(0, r.int(2, 4));
    return [
      "@dataclass",
      `class ${cls}:`,
      `${I}${e}_id: int`,
      `${I}label: str`,
      ...nums.map((n) => `${I}${n}: int = 0`),
      `${I}tags: list[str] = field(default_factory=list)`,
      `${I}updated_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))`,
      "",
      `${I}def as_dict(self) -> dict[str, Any]:`,
      `${I}${I}return {"${e}_id": self.${e}_id, "label": self.label, ${nums.map((n) => `"${n}": self.${n}`).join(", ")}, "tags": list(self.tags), "updated_at": self.updated_at.isoformat()}`,
      "",
      `${I}def merge(self, other: "${cls}") -> "${cls}":`,
      ...nums.map((n) => `${I}${I}self.${n} += other.${n}`),
      `${I}${I}self.tags = sorted(set(self.tags) | set(other.tags))`,
      `${I}${I}return self`,
      "",
      "",
    ];
  }

  function utilRetry() {
    const fn = name(r.pick(["retry", "with_retries", "backoff", "retrying"]));
    return [
      `def ${fn}(times: int = ${r.int(2, 5)}, delay: float = ${r.pick(["0.2", "0.5", "1.0"])}):`,
      `${I}def decorate(func):`,
      `${I}${I}@wraps(func)`,
      `${I}${I}def wrapper(*args, **kwargs):`,
      `${I}${I}${I}for attempt in range(times):`,
      `${I}${I}${I}${I}try:`,
      `${I}${I}${I}${I}${I}return func(*args, **kwargs)`,
      `${I}${I}${I}${I}except (TimeoutError, ConnectionError) as exc:`,
      `${I}${I}${I}${I}${I}log.warning("%s failed (%s), attempt %d", func.__name__, exc, attempt + 1)`,
      `${I}${I}${I}${I}${I}time.sleep(delay * (2 ** attempt))`,
      `${I}${I}${I}return func(*args, **kwargs)`,
      "",
      `${I}${I}return wrapper`,
      "",
      `${I}return decorate`,
      "",
      "",
    ];
  }

  function utilQuery() {
    const e = ent();
    const fn = name(snake("list", plural(e)));
    return [
      `@app.get("/${plural(e)}")`,
      `def ${fn}(page: int = 1, per_page: int = ${r.pick([20, 25, 50])}, q: str | None = None, db: Session = Depends(get_db)):`,
      `${I}query = db.query(Record).filter(Record.kind == "${e}")`,
      `${I}if q:`,
      `${I}${I}query = query.filter(Record.title.ilike(f"%{q}%"))`,
      `${I}total = query.count()`,
      `${I}rows = query.order_by(Record.updated_at.desc()).offset((page - 1) * per_page).limit(per_page).all()`,
      `${I}return {"total": total, "page": page, "items": [{"id": row.id, "title": row.title} for row in rows]}`,
      "",
      "",
    ];
  }

  function utilExport() {
    const e = ent();
    const fn = name(snake("export", plural(e), r.pick(["csv", "jsonl", "report"])));
    return [
      `def ${fn}(rows: Iterable[dict[str, Any]], path: str) -> int:`,
      `${I}count = 0`,
      `${I}with open(path, "w", encoding="utf-8") as fh:`,
      `${I}${I}for row in rows:`,
      `${I}${I}${I}clean = {key: value for key, value in row.items() if value is not None}`,
      `${I}${I}${I}fh.write(json.dumps(clean, ensure_ascii=False, default=str) + "\\n")`,
      `${I}${I}${I}count += 1`,
      `${I}audit.info("exported %d ${plural(e)} to %s", count, path)`,
      `${I}return count`,
      "",
      "",
    ];
  }

  function utilValidate() {
    const e = ent();
    const fn = name(snake("validate", e, "form"));
    const fields = r.shuffle(TEXT_FIELDS).slice(0, r.int(2, 4));
    return [
      `def ${fn}(form: dict[str, Any]) -> list[str]:`,
      `${I}errors: list[str] = []`,
      ...fields.flatMap((f) => [`${I}if not str(form.get("${f}", "")).strip():`, `${I}${I}errors.append("${f} is required")`]),
      `${I}if len(str(form.get("${fields[0]}", ""))) > ${r.pick([500, 1000, 4000])}:`,
      `${I}${I}errors.append("${fields[0]} is too long")`,
      `${I}return errors`,
      "",
      "",
    ];
  }

  function flaskPlain() {
    const e = ent();
    const fn = name(snake("staff", "view", e));
    return [
      `@bp.route("/${plural(e)}/<int:${e}_id>")`,
      `def ${fn}(${e}_id: int):`,
      `${I}with session_scope() as db:`,
      `${I}${I}record = db.get(Record, ${e}_id)`,
      `${I}${I}if record is None:`,
      `${I}${I}${I}return jsonify({"error": "not found"}), 404`,
      `${I}${I}notes = db.query(Note).filter_by(subject_id=${e}_id).order_by(Note.created_at.desc()).limit(${r.int(5, 30)}).all()`,
      `${I}${I}return render_template("${e}.html", record=record, notes=notes)`,
      "",
      "",
    ];
  }

  const units = [
    [fastapiOpenAI, 9], [flaskAnthropic, 7], [responsesHelper, 5], [serviceClass, 3], [consentEndpoint, 3],
    [imageEndpoint, 2], [streamingEndpoint, 2], [batchJob, 3], [piiConstants, 1],
    [utilParse, 4], [utilChunk, 3], [utilDataclass, 5], [utilRetry, 2], [utilQuery, 6], [utilExport, 4], [utilValidate, 5], [flaskPlain, 5],
  ];
  const provenance = [
    "def embed_ai_provenance(png: bytes) -> bytes:",
    `${I}"""Adds an "AI-Generated" tEXt chunk after the PNG header chunk."""`,
    `${I}import struct, zlib`,
    `${I}chunk = b"tEXt" + b"AI-Generated\\x00true"`,
    `${I}crc = struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)`,
    `${I}return png[:33] + struct.pack(">I", len(chunk) - 4) + chunk + crc + png[33:]`,
    "",
    "",
  ];
  const pick = () => withPending(r.weighted(units)());
  let fillerCount = 0;
  const filler = () => {
    fillerCount++;
    return [`${name(`${r.pick(["MAX", "DEFAULT", "MIN"])}_${r.pick(["PAGE", "RETRY", "BATCH", "TIMEOUT"])}_${fillerCount}`)} = ${r.int(1, 500)}`];
  };
  return fillToLines([...header, ...provenance], target, pick, filler);
}
