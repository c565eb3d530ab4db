from registration.views.attendee import (
    manage,
    manage_calendar,
    manage_cancel,
    manage_delete,
    manage_qr,
    register,
    register_done,
    registration_deleted,
)
from registration.views.checkin import checkin, checkin_desk
from registration.views.public import (
    agenda,
    agenda_ics,
    agenda_json,
    session_ics,
    speaker_detail,
    speaker_list,
)

__all__ = [
    "agenda",
    "agenda_ics",
    "agenda_json",
    "checkin",
    "checkin_desk",
    "manage",
    "manage_calendar",
    "manage_cancel",
    "manage_delete",
    "manage_qr",
    "register",
    "register_done",
    "registration_deleted",
    "session_ics",
    "speaker_detail",
    "speaker_list",
]
