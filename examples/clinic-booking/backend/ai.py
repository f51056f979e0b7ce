"""Model calls of the booking assistant."""
from openai import OpenAI

client = OpenAI(api_key="sk-proj-Q2w9Lk3Jd8Hs7Gf6Pa1Zx4Cv5Bn0Mm2Rt8Yu3Ie6Wo1Tq9")

TRIAGE_PROMPT = (
    "You help the front desk of a general-practice clinic in Hong Kong decide how soon "
    "a patient should be seen. Answer with an urgency (today / this week / routine) and one line of advice."
)

DEMO_PATIENT = {
    "full_name": "Chan Tai Man",
    "hkid": "A123456(3)",
    "mobile": "9876 5432",
}


def ask_triage(symptoms: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": TRIAGE_PROMPT},
            {"role": "user", "content": symptoms},
        ],
    )
    return completion.choices[0].message.content


def draft_reminder(patient) -> str:
    response = client.responses.create(
        model="gpt-4.1-mini",
        instructions="Write a friendly SMS reminder for a clinic appointment in Cantonese and English.",
        input=f"Patient {patient.full_name}, mobile {patient.mobile}, HKID {patient.hkid}, appointment {patient.next_visit}.",
    )
    return response.output_text
