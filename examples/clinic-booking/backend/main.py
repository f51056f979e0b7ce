"""Booking assistant API for a group of clinics in Kowloon (FastAPI + OpenAI)."""
import logging
from datetime import datetime, timezone

from fastapi import Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .ai import ask_triage, draft_reminder
from .db import get_db
from .models import BookingNote, ConsentRecord, Patient
from .privacy import redact_hk

app = FastAPI(title="clinic-booking")
log = logging.getLogger("booking")


class TriageIn(BaseModel):
    patient_id: int
    symptoms: str


class ConsentIn(BaseModel):
    patient_id: int
    granted: bool


@app.post("/triage")
def triage(body: TriageIn, db: Session = Depends(get_db)):
    log.info("triage request: %s", body.symptoms)
    advice = ask_triage(body.symptoms)
    db.add(BookingNote(patient_id=body.patient_id, note=advice))
    db.commit()
    return {"advice": advice}


@app.post("/triage/v2")
def triage_v2(body: TriageIn, db: Session = Depends(get_db)):
    advice = ask_triage(redact_hk(body.symptoms))
    patient = db.get(Patient, body.patient_id)
    if patient.ai_notes_consent:
        db.add(BookingNote(patient_id=body.patient_id, note=advice))
        db.commit()
    return {"advice": advice, "ai_generated": True}


@app.post("/patients/{patient_id}/reminder")
def reminder(patient_id: int, db: Session = Depends(get_db)):
    patient = db.get(Patient, patient_id)
    text = draft_reminder(patient)
    return {"reminder": text, "ai_generated": True}


@app.post("/consent/ai-notes")
def set_ai_notes_consent(body: ConsentIn, db: Session = Depends(get_db)):
    patient = db.get(Patient, body.patient_id)
    patient.ai_notes_consent = body.granted
    db.add(ConsentRecord(patient_id=patient.id, purpose="ai_triage_notes", granted=body.granted, recorded_at=datetime.now(timezone.utc)))
    db.commit()
    return {"ok": True}


@app.post("/consent/marketing")
def set_marketing_consent(body: ConsentIn, db: Session = Depends(get_db)):
    patient = db.get(Patient, body.patient_id)
    patient.marketing_opt_in = body.granted
    db.commit()
    return {"ok": True}
