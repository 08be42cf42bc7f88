"""The editorial calendar as iCalendar text (RFC 5545), written here: it is a few lines.

Times are in UTC (the `Z` form), so no VTIMEZONE is needed; calendar
applications show them in their own zone. Lines end in CRLF and are folded at
75 octets, never inside a UTF-8 sequence; text values escape backslash,
semicolon, comma and newlines (RFC 5545 §3.1, §3.3.11).
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings

PRODID = "-//Newsroom//Editorial calendar//EN"
_DURATION = timedelta(minutes=15)


def escape(text: str) -> str:
    return (
        str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continued by CRLF + space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        octets = char.encode()
        if len(current) + len(octets) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # the leading space counts
        current += octets
    parts.append(current.decode())
    return "\r\n ".join(parts)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events, *, now: datetime, host: str) -> str:
    """`events`: newsroom.desk.calendar.Event; their admin links made absolute."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}", f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for event in events:
        url = settings.SITE_URL + event.admin_url
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.key}@{host}",
            f"DTSTAMP:{stamp(now)}",
            f"DTSTART:{stamp(event.at)}",
            f"DTEND:{stamp(event.at + _DURATION)}",
            f"SUMMARY:{escape(event.summary)}",
            f"CATEGORIES:{escape(event.state)}",
            f"URL:{url}",
            f"DESCRIPTION:{escape(url)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
