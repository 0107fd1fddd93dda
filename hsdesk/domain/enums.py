"""Enumerations with the en-GB labels people see."""

from __future__ import annotations

from enum import StrEnum


class PersonKind(StrEnum):
    TRUSTEE = "trustee"
    STAFF = "staff"
    VOLUNTEER = "volunteer"
    FAMILY_MEMBER = "family_member"
    CHILD = "child"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PersonKind.TRUSTEE: "Trustee",
    PersonKind.STAFF: "Staff member",
    PersonKind.VOLUNTEER: "Volunteer",
    PersonKind.FAMILY_MEMBER: "Family member",
    PersonKind.CHILD: "Child",
    PersonKind.OTHER: "Other",
}


class VolunteerStatus(StrEnum):
    ACTIVE = "active"
    RESTING = "resting"
    LEFT = "left"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Office(StrEnum):
    """The offices the Social Networking Policy names."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SDM = "sdm"
    VDO = "vdo"

    @property
    def label(self) -> str:
        return _OFFICE_LABELS[self]


_OFFICE_LABELS = {
    Office.CHAIR: "Chair",
    Office.VICE_CHAIR: "Vice Chair",
    Office.SDM: "Scheme Development Manager",
    Office.VDO: "Volunteer Development Officer",
}
