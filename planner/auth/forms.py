from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from planner.auth.models import ROLES
from planner.forms import PlannerForm, options, required

_REQUIRED = DataRequired(message=_l("Fyll i fältet."))


def _email_field(label) -> StringField:
    return StringField(
        label,
        validators=[
            _REQUIRED,
            Length(max=254, message=_l("Högst %(max)d tecken.")),
            Email(message=_l("Ange en giltig e-postadress."), check_deliverability=False),
        ],
    )


def _new_password(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            _REQUIRED,
            Length(min=10, max=200, message=_l("Lösenordet ska ha 10–200 tecken.")),
        ],
    )


class LoginForm(PlannerForm):
    email = StringField(_l("E-post"), validators=[_REQUIRED, Length(max=254)])
    password = PasswordField(_l("Lösenord"), validators=[_REQUIRED, Length(max=200)])


class PasswordForm(PlannerForm):
    current = PasswordField(_l("Nuvarande lösenord"), validators=[_REQUIRED, Length(max=200)])
    new = _new_password(_l("Nytt lösenord"))
    repeat = PasswordField(
        _l("Upprepa det nya lösenordet"),
        validators=[_REQUIRED, EqualTo("new", message=_l("Lösenorden är inte lika."))],
    )


class MemberForm(PlannerForm):
    email = _email_field(_l("E-post"))
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    role = SelectField(_l("Roll"), choices=options(ROLES.items()))


class RoleForm(PlannerForm):
    role = SelectField(_l("Roll"), choices=options(ROLES.items()))


class UserForm(PlannerForm):
    email = _email_field(_l("E-post"))
    name = required(_l("Namn"), 200)
    password = _new_password(_l("Lösenord"))
    system_admin = BooleanField(_l("Systemadministratör"))
