"""Danish labels for rendering, in one place.

Identifiers in klu_rules are English; what a Danish reader sees (agenda
headings, calendar summaries, holiday names, dates written the way a
municipality's web page writes them) comes from here. Each section is a plain
mapping so an application can look up or override a label.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = [
    "AGENDA_DOCUMENT_DA",
    "AGREEMENT_KIND_DA",
    "AGREEMENT_STATUS_DA",
    "CHECK_OUTCOME_DA",
    "COVERAGE_DA",
    "DEADLINE_KIND_DA",
    "EVALUATION_DA",
    "HOLIDAY_DA",
    "ICAL_DA",
    "MEETING_KIND_DA",
    "MEETING_STATUS_DA",
    "MONTHS_DA",
    "PERIOD_UNIT_DA",
    "PLAN_DA",
    "ROLE_DA",
    "ROUTE_DA",
    "SEVERITY_DA",
    "WEEKDAYS_DA",
    "YEAR_CHECK_DA",
    "format_date_da",
    "format_meeting_time_da",
]

WEEKDAYS_DA: tuple[str, ...] = (
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
)
MONTHS_DA: tuple[str, ...] = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

# --- calendar -------------------------------------------------------------
HOLIDAY_DA: dict[str, str] = {
    "new_years_day": "Nytårsdag",
    "maundy_thursday": "Skærtorsdag",
    "good_friday": "Langfredag",
    "easter_sunday": "Påskedag",
    "easter_monday": "2. påskedag",
    "great_prayer_day": "Store bededag",
    "ascension_day": "Kristi himmelfartsdag",
    "whit_sunday": "Pinsedag",
    "whit_monday": "2. pinsedag",
    "constitution_day": "Grundlovsdag",
    "christmas_eve": "Juleaftensdag",
    "christmas_day": "Juledag",
    "boxing_day": "2. juledag",
    "new_years_eve": "Nytårsaftensdag",
    "labour_day": "1. maj",
    "closing_day": "Lukkedag",
}

ROLE_DA: dict[str, str] = {
    "chair": "Formand",
    "vice_chair": "Næstformand",
    "doctor_member": "Lægeligt medlem",
    "municipal_representative": "Kommunal repræsentant",
    "hospital_representative": "Repræsentant for sygehuset",
    "practice_consultant": "Praksiskonsulent",
    "secretary": "Sekretær",
    "secretariat_staff": "Sekretariatet",
    "observer": "Observatør",
}

# --- meetings -------------------------------------------------------------
MEETING_KIND_DA: dict[str, str] = {
    "ordinary": "KLU-møde",
    "dialogue": "Dialogmøde",
    "extraordinary": "Ekstraordinært KLU-møde",
}
MEETING_STATUS_DA: dict[str, str] = {
    "planned": "planlagt",
    "held": "afholdt",
    "cancelled": "aflyst",
}
DEADLINE_KIND_DA: dict[str, str] = {
    "call_for_items": "Indkaldelse af dagsordenspunkter",
    "items_due": "Frist for dagsordenspunkter",
    "agenda_dispatch": "Udsendelse af dagsorden",
    "dialogue_announcement": "Annoncering af dialogmøde",
}
# --- the year plan (klu-rules plan) ----------------------------------------
PLAN_DA: dict[str, str] = {
    "title": "{name}: mødeplan for {year}",
    "title_without_committee": "Mødeplan for {year}",
    "rules": "Regelsæt",
    "layering": "Lagdeling",
    "layering_strictest": "strengeste (den nationale grænse gælder)",
    "layering_local": "lokal (de lokale regler gælder)",
    "calendar": "Kalender",
    "calendar_statutory": "helligdage og lovbestemte lukkedage",
    "calendar_public-holidays": "kun helligdage",
    "extra_closing_days": "{n} ekstra lukkedage",
    "timezone": "Tidszone",
    "as_of": "Status pr. {day}",
    "rule_findings": "Regler",
    "moved_from": "flyttet fra {day}",
    "done_on": "udført {day}",
    "no_deadlines": "Ingen frister",
    "year": "Året {year}",
    "counts": "Møder: {held} afholdt, {upcoming} planlagt, {cancelled} aflyst",
    "minimum": "mindst {minimum} om året",
    "no_findings": "Ingen bemærkninger",
}
SEVERITY_DA: dict[str, str] = {
    "info": "Bemærkning",
    "warning": "Advarsel",
    "error": "Fejl",
}

# --- agenda documents (klu_rules.text.agenda), headings as in the minutes -------
AGENDA_DOCUMENT_DA: dict[str, str] = {
    "title": "Dagsorden",
    "meeting": "Møde i {committee}",
    "time": "Tid: {when}",
    "location": "Sted: {location}",
    "case_description": "Sagsbeskrivelse",
    "what": "Hvad ønskes drøftet",
    "how": "Hvordan ønskes det drøftet",
    "why": "Hvorfor punktet ønskes dagsordenssat i KLU",
    "proposer": "Forslagsstiller",
    "topics": "Emner",
    "duration": "Forventet varighed",
    "minutes": "{minutes} min.",
    "not_stated": "ikke angivet",
    "decision": "Beslutning",
    "total": "Samlet forventet varighed",
    "at_least": "mindst {minutes} min.",
    "not_relevant": "Faste emner, der ikke er relevante denne gang",
}

# --- iCalendar export (klu_rules.io.ical) --------------------------------------
ICAL_DA: dict[str, str] = {
    "cancelled_prefix": "Aflyst: ",
    "cancelled": "Mødet er aflyst.",
    "location": "Sted: {location}",
    "agenda": "Dagsorden",
    "agenda_total": "I alt {total}",
    "minutes": "{minutes} min.",
    "deadlines": "Frister",
    "deadline_line": "{kind} senest {day}",
    "deadline_meeting": "før {meeting} {when} i {committee}",
    "sources": "Kilder: {sources}",
    "alarm": "Påmindelse: {summary}, frist {day}",
    "done": "Udført {day}.",
    "rule": "Regel: senest {period} {relation} {anchor} {anchor_day}",
    "before": "før",
    "after": "efter",
    "anchor_meeting": "mødet",
    "anchor_call_for_items": "indkaldelsen af dagsordenspunkter",
    "anchor_recorded_call_for_items": "den registrerede indkaldelse af dagsordenspunkter",
    "no_roll": ", dvs. {day}.",
    "roll": "; {unrolled} er ikke en arbejdsdag{closed}, så fristen flyttes til {direction} "
    "arbejdsdag, {day}.",
    "preceding": "foregående",
    "following": "følgende",
    "loose_meetings": "KLU-møder",
    "split_written": "{count} .ics-filer skrevet i {folder}",
}
PERIOD_UNIT_DA: dict[str, str] = {
    "minute": "minut",
    "minutes": "minutter",
    "hour": "time",
    "hours": "timer",
    "day": "dag",
    "days": "dage",
    "week": "uge",
    "weeks": "uger",
    "month": "måned",
    "months": "måneder",
}

# --- annual evaluation (columns as in Region Syddanmark's overview) ------
EVALUATION_DA: dict[str, str] = {
    "municipality": "Kommunenavn",
    "meeting_count": "Antal møder",
    "held": "Afholdt",
    "planned": "Planlagt",
    "cancelled": "Aflyst",
    "topics": "Emner drøftet",
    "local_agreements_follow_up": "Opfølgning og status på implementering af lokale aftaler",
    "general_assessment": "Generel vurdering af samarbejdet",
    "state": "Status",
    "year": "År",
    "region": "Region",
    "sent_to": "Sendt til",
    "sent_on": "Sendt den",
    "sources": "Kilder",
    "no_report": "Ingen evaluering",
    "report_without_count": "Evaluering uden mødeantal",
    "count": "Mødeantal oplyst",
    "municipalities": "Kommuner",
    "reporting": "Kommuner med evaluering",
    "total_held": "Afholdte møder i alt",
    "not_stated": "ikke oplyst",
    "not_sent": "ikke sendt",
    "overview_title": (
        "Oversigt over vurdering af samarbejde i de kommunallægelige udvalg {year} i {region}"
    ),
    "report_title": "Vurdering af samarbejdet i KLU {municipality} {year}",
}

# --- records, yearly compliance and agreement routing -------------------------
AGREEMENT_KIND_DA: dict[str, str] = {
    "draft": "aftaleudkast",
    "voluntary": "frivillig aftale",
    "binding": "bindende aftale",
}
AGREEMENT_STATUS_DA: dict[str, str] = {
    "draft": "udkast",
    "sent": "fremsendt",
    "concluded": "indgået",
    "evaluated": "evalueret",
    "withdrawn": "trukket tilbage",
}
YEAR_CHECK_DA: dict[str, str] = {
    "calendar": "Mødekalender aftalt",
    "next_year_topics": "Næste års emner aftalt på årets sidste møde (årshjul)",
    "evaluation": "Årlig evaluering udført og sendt",
    "follow_ups": "Opfølgning på referaterne",
    "doctor_seats": "Lægelige medlemmer",
    "seats": "Sammensætning efter forretningsordenen",
    "terms": "Medlemsperioder der udløber",
}
CHECK_OUTCOME_DA: dict[str, str] = {
    "met": "opfyldt",
    "not_met": "ikke opfyldt",
    "not_required": "ikke et krav",
    "not_yet_due": "endnu ikke aktuelt",
    "not_judged": "ikke vurderet (kræver en dato)",
    "not_stated": "ikke angivet i kilderne",
}
ROUTE_DA: dict[str, str] = {
    "section_2_agreement": "§ 2-aftale via det regionale samarbejdsudvalg",
    "bilateral_agreement": "Bilateral aftale mellem kommunen og praksisudvalget",
    "practice_plan": "Fremsendes til praksisplanudvalget (praksisplanen)",
    "health_cooperation_committee": "Fremsendes til sundhedssamarbejdsudvalget",
    "not_stated": "ikke angivet i kilderne",
    "yes": "ja",
    "no": "nej",
    "region": "regionen",
    "municipality": "kommunen",
}

# --- coverage areas (lægedækningstruede områder) -----------------------------
COVERAGE_DA: dict[str, str] = {
    "threatened": "Lægedækningstruede områder",
    "attention": "Opmærksomhedsområder",
    "none": "Ingen status",
    "threatened_one": "lægedækningstruet område",
    "attention_one": "opmærksomhedsområde",
    "none_one": "ingen status",
    "new": "ny udpegning",
    "keeps_rights": "bibeholder rettigheder",
    "loses_rights": "mister rettigheder",
    "expires": "udløber",
    "designated": "udpeget",
    "until": "frem til",
    "area": "Lægedækningsområde",
    "status": "Status",
    "change": "Ændring",
    "status_after_review": "Status efter udpegningen i {year}",
    "status_on": "Status {day}",
    "periods": (
        "Perioder: lægedækningstruet område {threatened} år, opmærksomhedsområde {attention} år"
    ),
    "rights": "Rettigheder i lægedækningstruede områder ({agreement})",
    "no_review": "Registret indeholder ingen udpegning fra {year}",
    "not_stated": "ikke angivet i kilderne",
    "sources": "Kilder",
}


def format_date_da(day: date) -> str:
    """``Mandag den 6. marts 2023`` (capitalised weekday, as on a municipality's page)."""
    weekday = WEEKDAYS_DA[day.weekday()].capitalize()
    return f"{weekday} den {day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def _clock(value: datetime) -> str:
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}.{value.minute:02d}"


def format_meeting_time_da(start: datetime, end: datetime | None) -> str:
    """``Mandag den 6. marts 2023 kl. 15-19``, in the local time of ``start``.

    ``end`` is shown in the same zone as ``start``; an end on another day is
    written with its date.
    """
    text = f"{format_date_da(start.date())} kl. {_clock(start)}"
    if end is None:
        return text
    local_end = end.astimezone(start.tzinfo) if start.tzinfo is not None else end
    if local_end.date() != start.date():
        return f"{text} til {format_date_da(local_end.date()).lower()} kl. {_clock(local_end)}"
    return f"{text}-{_clock(local_end)}"
