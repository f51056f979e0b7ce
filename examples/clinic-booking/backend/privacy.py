"""Masks Hong Kong identifiers before text leaves the clinic."""
import re

HKID = re.compile(r"\b[A-Z]{1,2}\d{6}\(?[0-9A]\)?")
PHONE = re.compile(r"(\+?852[\s-]?)?\b[2-9]\d{3}[\s-]?\d{4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def redact_hk(text: str) -> str:
    text = HKID.sub("[HKID]", text)
    text = PHONE.sub("[PHONE]", text)
    return EMAIL.sub("[EMAIL]", text)
