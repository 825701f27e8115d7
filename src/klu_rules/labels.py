"""Danish labels for rendering, in one place.

Identifiers in klu_rules are English; what a Danish reader sees (agenda
headings, calendar summaries, holiday names, dates written the way a
municipality's web page writes them) comes from here. Each section is a plain
mapping so an application can look up or override a label.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = [
    "AGENDA_ITEM_KIND_DA",
    "DEADLINE_KIND_DA",
    "HOLIDAY_DA",
    "MEETING_KIND_DA",
    "MEETING_STATUS_DA",
    "MONTHS_DA",
    "ROLE_DA",
    "SEVERITY_DA",
    "SIDE_DA",
    "WEEKDAYS_DA",
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

# --- committee ------------------------------------------------------------
SIDE_DA: dict[str, str] = {
    "municipality": "Kommunen",
    "general_practice": "Almen praksis",
    "hospital_region": "Sygehus/region",
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
SEVERITY_DA: dict[str, str] = {
    "info": "Bemærkning",
    "warning": "Advarsel",
    "error": "Fejl",
}

# --- agenda ---------------------------------------------------------------
AGENDA_ITEM_KIND_DA: dict[str, str] = {
    "approval": "Godkendelse",
    "decision": "Til behandling",
    "information": "Orientering",
    "other_business": "Eventuelt",
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
