"""Every status the live OpenAPI document promises is reached by a named test, or explained.

The table below has one row per (method, path, status) the running gateway documents. A route or
status added later fails the first test until someone names the test that reaches it (or writes
why none can, pointing to the test closest to it); a row whose status is no longer documented fails
it too. The second test makes sure every test named here exists.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.live_demo import LiveDemo

pytestmark = pytest.mark.e2e


@dataclass(frozen=True, slots=True)
class Reached:
    """The test (``path/to/test_module.py::test_name``) in which the gateway answers this status."""

    test: str


@dataclass(frozen=True, slots=True)
class Explained:
    """Why no test makes the gateway answer this status, and the test that comes closest."""

    why: str
    see: str


_GW = "tests/unit/gateway/"
PROBES = _GW + "test_probes.py::"
HOME = _GW + "test_home_page.py::"
INCOMING = _GW + "test_incoming_api.py::"
HYGIENE = _GW + "test_text_hygiene.py::"
REFERENCE = _GW + "test_reference_data.py::"
AUTH = _GW + "test_auth.py::"
ACCOUNTS = _GW + "test_accounts_api.py::"
ANSWERS = _GW + "test_account_answers.py::"
OUTAGE = _GW + "test_staff_outage.py::"
ACCESS = _GW + "test_route_access.py::"
UNITS = _GW + "test_units_api.py::"
BODY_LIMIT = _GW + "test_body_limit.py::"
RATE_LIMITS = _GW + "test_login_rate_limits.py::"
IDEMPOTENCY = _GW + "test_idempotency_keys.py::"
PEOPLE = _GW + "test_people_api.py::"
DUTIES = _GW + "test_duties_api.py::"
ATTACHMENTS = _GW + "test_attachments_api.py::"
BOARDS = _GW + "test_boards_api.py::"
RECORDS = _GW + "test_records_api.py::"
TASKS = _GW + "test_tasks_api.py::"
_BODIES = "test_the_bodies_of_a_unit_on_a_day_say_since_when_and_which_merged_units_carried_them"
SYMBOLS = _GW + "test_symbols_api.py::"
OUTGOING = _GW + "test_outgoing_api.py::"
DASHBOARD = _GW + "test_dashboard_api.py::"
OUT_FILES = _GW + "test_outgoing_attachments_api.py::"

MALFORMED_MULTIPART = Explained(
    "A body announced as multipart/form-data that does not parse as one: the multipart parser of the "
    "web framework refuses it with 400 before the route runs (the fuzz test sends such bodies).",
    see="tests/e2e/test_api_fuzz.py::test_every_operation_answers_generated_input_without_server_errors_and_as_documented",
)
NO_TOKEN = Reached(ACCESS + "test_without_a_token_every_protected_operation_is_401")
NO_ROLE = Reached(ACCESS + "test_an_account_without_the_role_is_refused_every_operation")
STAFF_DOWN = Reached(
    OUTAGE + "test_every_protected_operation_answers_and_documents_503_while_the_staff_service_is_down"
)
ACCOUNT_BUSY = Explained(
    "Only when another change of the same account commits between this one's read and its write, "
    "on every retry the staff service makes (AccountBusy, gRPC ABORTED): a race no test can time. "
    "What the gateway does with ABORTED is tested on its own.",
    see=_GW + "test_grpc_status.py::test_each_status_maps_to_one_error_kind",
)

BODY_CAP = Reached(BODY_LIMIT + "test_every_operation_taking_a_body_answers_413_over_the_cap")
KEY_IN_USE = Explained(
    "Answered by the Idempotency-Key middleware in front of every POST while a first request with "
    "the same key is still running (tested on one route: the middleware does not know routes), or "
    "when the service's data changed meanwhile on every retry it made (gRPC ABORTED).",
    see=IDEMPOTENCY + "test_the_same_key_while_the_first_request_runs_is_a_409_problem",
)

_DOCUMENT = "/api/v1/communes/{commune_id}/incoming-documents"
_UNIT = "/api/v1/units/{code}"
_REORGANISATIONS = "/api/v1/units/reorganisations"
_ACCOUNT = "/api/v1/accounts/{username}"
_STAFF = "/api/v1/communes/{commune_id}/staff"
_PERSON = _STAFF + "/{person_id}"
_OUTGOING = "/api/v1/communes/{commune_id}/outgoing-documents"
_OUTGOING_ONE = _OUTGOING + "/{document_id}"
_OUTGOING_REGISTER = "/api/v1/communes/{commune_id}/outgoing-register"
_TEAM = "/api/v1/communes/{commune_id}/office-team"
_REGISTERS = "/api/v1/communes/{commune_id}/registers/{kind}"
REGISTERS = _GW + "test_registers_export.py::"
_REGISTER_REFUSALS = "test_an_unknown_kind_format_body_or_year_is_refused_with_a_problem"
_ADOPTION = "/api/v1/communes/{commune_id}/model-adoption"
_CATALOGUE = "/api/v1/duty-catalogue"
_COMMUNE = "/api/v1/communes/{commune_id}"

FIGURES = _GW + "test_figures_api.py::"
_FIGURES = _COMMUNE + "/figures"
_FIG_CONFLICTS = _COMMUNE + "/figure-conflicts"
_FIG_ADOPT = _FIG_CONFLICTS + "/{conflict_id}/adopt"
_FIG_FLOW = Reached(
    FIGURES + "test_two_bodies_disagree_and_a_leader_adopts_one_value_which_the_figures_then_show"
)
_FIG_REFUSED = Reached(FIGURES + "test_a_report_the_service_refuses_is_a_422_naming_the_field_in_vietnamese")
_FIG_MALFORMED = Reached(FIGURES + "test_a_malformed_report_or_query_is_refused_before_the_service")
_FIG_CATALOGUE = Reached(
    FIGURES + "test_the_indicator_catalogue_is_read_by_anyone_signed_in_and_409_before_one_is_published"
)
_ATTACHMENTS = _DOCUMENT + "/{document_id}/attachments"
_RECORDS = "/api/v1/communes/{commune_id}/record-files"
_RECORD = _RECORDS + "/{file_id}"
_TASKS = "/api/v1/communes/{commune_id}/tasks"
_TASK = _TASKS + "/{task_id}"
_OUT_FILES = _OUTGOING_ONE + "/attachments"
_OUT_FILE = _OUT_FILES + "/{attachment_id}"
_HISTORY = "/api/v1/communes/{commune_id}/documents/{document_id}/history"
HISTORY = _GW + "test_history_api.py::"
_AS_OF = "/api/v1/communes/{commune_id}/as-of"
AS_OF = _GW + "test_commune_as_of_api.py::"
_OUT_LISTED = Reached(
    OUT_FILES + "test_the_outgoing_attachments_are_listed_and_downloaded_with_type_and_etag"
)
_OUT_UNKNOWN = Reached(OUT_FILES + "test_an_unknown_outgoing_document_or_attachment_is_404")
_OUT_MALFORMED = Reached(OUT_FILES + "test_a_malformed_outgoing_document_id_is_422_before_any_service")

STATUSES: dict[tuple[str, str, str], Reached | Explained] = {
    ("GET", "/healthz", "200"): Reached(PROBES + "test_liveness_answers_ok_without_asking_the_services"),
    ("GET", "/readyz", "200"): Reached(
        PROBES + "test_readiness_is_200_with_each_status_when_every_service_serves"
    ),
    ("GET", "/readyz", "503"): Reached(
        PROBES + "test_readiness_is_503_problem_naming_the_service_not_answering"
    ),
    ("GET", "/", "200"): Reached(HOME + "test_home_page_is_vietnamese_by_default_with_each_service_status"),
    # Incoming documents.
    ("POST", _DOCUMENT, "201"): Reached(INCOMING + "test_registering_answers_201_with_the_incoming_number"),
    ("POST", _DOCUMENT, "401"): NO_TOKEN,
    ("POST", _DOCUMENT, "403"): NO_ROLE,
    ("POST", _DOCUMENT, "404"): Reached(
        "tests/e2e/test_units_guard_demo.py::"
        "test_registering_for_commune_99999_or_one_merged_away_is_a_vietnamese_404_and_nothing_is_registered"
    ),
    ("POST", _DOCUMENT, "409"): Reached(INCOMING + "test_a_register_that_kept_changing_is_a_409_problem"),
    ("POST", _DOCUMENT, "422"): Reached(
        INCOMING + "test_refused_input_is_a_vietnamese_422_problem_naming_the_field"
    ),
    ("POST", _DOCUMENT, "503"): Reached(INCOMING + "test_a_service_that_does_not_answer_is_a_503_problem"),
    ("GET", _DOCUMENT + "/{document_id}", "200"): Reached(
        INCOMING + "test_a_registered_document_is_read_back_by_id"
    ),
    ("GET", _DOCUMENT + "/{document_id}", "401"): NO_TOKEN,
    ("GET", _DOCUMENT + "/{document_id}", "403"): NO_ROLE,
    ("GET", _DOCUMENT + "/{document_id}", "404"): Reached(
        INCOMING + "test_an_unknown_document_is_a_vietnamese_404_problem"
    ),
    ("GET", _DOCUMENT + "/{document_id}", "422"): Reached(
        HYGIENE + "test_a_document_id_with_a_bidi_override_is_refused"
    ),
    ("GET", _DOCUMENT + "/{document_id}", "503"): STAFF_DOWN,
    ("GET", "/api/v1/communes/{commune_id}/incoming-register", "200"): Reached(
        INCOMING + "test_the_register_is_listed_from_reporting"
    ),
    ("GET", "/api/v1/communes/{commune_id}/incoming-register", "401"): NO_TOKEN,
    ("GET", "/api/v1/communes/{commune_id}/incoming-register", "403"): NO_ROLE,
    ("GET", "/api/v1/communes/{commune_id}/incoming-register", "422"): Reached(
        HYGIENE + "test_a_query_parameter_with_a_nul_is_refused"
    ),
    ("GET", "/api/v1/communes/{commune_id}/incoming-register", "503"): Reached(
        INCOMING + "test_reporting_not_answering_is_a_503_problem"
    ),
    # Reference data.
    ("GET", "/api/v1/reference-data", "200"): Reached(
        REFERENCE + "test_the_api_lists_the_bodies_and_document_types_the_documents_service_serves"
    ),
    ("GET", "/api/v1/reference-data", "401"): NO_TOKEN,
    ("GET", "/api/v1/reference-data", "403"): NO_ROLE,
    ("GET", "/api/v1/reference-data", "503"): Reached(
        REFERENCE + "test_while_the_documents_service_is_down_the_api_answers_a_503_problem"
    ),
    # Tokens and one's own account.
    ("POST", "/api/v1/auth/token", "200"): Reached(
        AUTH + "test_the_right_password_gets_a_bearer_token_with_the_accounts_claims"
    ),
    ("POST", "/api/v1/auth/token", "401"): Reached(
        AUTH + "test_wrong_credentials_get_401_problem_json_in_vietnamese"
    ),
    ("POST", "/api/v1/auth/token", "503"): Reached(
        OUTAGE + "test_logging_in_while_the_staff_service_is_down_is_a_503_problem"
    ),
    ("GET", "/api/v1/auth/me", "200"): Reached(AUTH + "test_the_token_reads_back_the_current_account"),
    ("GET", "/api/v1/auth/me", "401"): Reached(AUTH + "test_a_missing_token_is_refused"),
    ("GET", "/api/v1/auth/me", "503"): STAFF_DOWN,
    ("POST", "/api/v1/auth/password", "200"): Reached(
        ACCOUNTS + "test_a_user_changes_their_own_password_given_the_current_one"
    ),
    ("POST", "/api/v1/auth/password", "401"): NO_TOKEN,
    ("POST", "/api/v1/auth/password", "409"): ACCOUNT_BUSY,
    ("POST", "/api/v1/auth/password", "422"): Reached(
        ACCOUNTS + "test_a_user_changes_their_own_password_given_the_current_one"
    ),
    ("POST", "/api/v1/auth/password", "503"): STAFF_DOWN,
    # Accounts, for administrators.
    ("POST", "/api/v1/accounts", "201"): Reached(
        ACCOUNTS + "test_an_admin_opens_an_account_recorded_in_their_name"
    ),
    ("POST", "/api/v1/accounts", "401"): NO_TOKEN,
    ("POST", "/api/v1/accounts", "403"): NO_ROLE,
    ("POST", "/api/v1/accounts", "409"): Reached(ACCOUNTS + "test_a_taken_username_is_a_409_problem"),
    ("POST", "/api/v1/accounts", "422"): Reached(
        ANSWERS + "test_an_account_body_breaking_its_schema_is_a_422_problem"
    ),
    ("POST", "/api/v1/accounts", "503"): STAFF_DOWN,
    ("GET", _ACCOUNT, "200"): Reached(ANSWERS + "test_an_admin_reads_an_account_and_resets_its_password"),
    ("GET", _ACCOUNT, "401"): NO_TOKEN,
    ("GET", _ACCOUNT, "403"): NO_ROLE,
    ("GET", _ACCOUNT, "404"): Reached(ACCOUNTS + "test_an_unknown_account_is_a_404_problem"),
    ("GET", _ACCOUNT, "422"): Reached(
        ANSWERS + "test_a_username_no_account_can_have_is_a_422_problem_before_the_staff_service_is_asked"
    ),
    ("GET", _ACCOUNT, "503"): STAFF_DOWN,
    ("PUT", _ACCOUNT + "/access", "200"): Reached(
        ACCOUNTS + "test_new_access_takes_effect_on_the_next_request"
    ),
    ("PUT", _ACCOUNT + "/access", "401"): NO_TOKEN,
    ("PUT", _ACCOUNT + "/access", "403"): NO_ROLE,
    ("PUT", _ACCOUNT + "/access", "404"): Reached(
        ANSWERS + "test_each_change_of_an_unknown_account_is_a_documented_404_problem"
    ),
    ("PUT", _ACCOUNT + "/access", "409"): Reached(
        ANSWERS + "test_changing_a_disabled_account_is_a_documented_409_problem"
    ),
    ("PUT", _ACCOUNT + "/access", "422"): Reached(
        ANSWERS + "test_an_account_body_breaking_its_schema_is_a_422_problem"
    ),
    ("PUT", _ACCOUNT + "/access", "503"): STAFF_DOWN,
    ("POST", _ACCOUNT + "/disable", "200"): Reached(ACCOUNTS + "test_a_disabled_account_is_refused_at_once"),
    ("POST", _ACCOUNT + "/disable", "401"): NO_TOKEN,
    ("POST", _ACCOUNT + "/disable", "403"): NO_ROLE,
    ("POST", _ACCOUNT + "/disable", "404"): Reached(
        ANSWERS + "test_each_change_of_an_unknown_account_is_a_documented_404_problem"
    ),
    # Disabling a disabled account records nothing and answers 200: only a race refuses it.
    ("POST", _ACCOUNT + "/disable", "409"): ACCOUNT_BUSY,
    ("POST", _ACCOUNT + "/disable", "422"): Reached(
        ANSWERS + "test_a_username_no_account_can_have_is_a_422_problem_before_the_staff_service_is_asked"
    ),
    ("POST", _ACCOUNT + "/disable", "503"): STAFF_DOWN,
    ("PUT", _ACCOUNT + "/password", "200"): Reached(
        ANSWERS + "test_an_admin_reads_an_account_and_resets_its_password"
    ),
    ("PUT", _ACCOUNT + "/password", "401"): NO_TOKEN,
    ("PUT", _ACCOUNT + "/password", "403"): NO_ROLE,
    ("PUT", _ACCOUNT + "/password", "404"): Reached(
        ANSWERS + "test_each_change_of_an_unknown_account_is_a_documented_404_problem"
    ),
    ("PUT", _ACCOUNT + "/password", "409"): Reached(
        ANSWERS + "test_changing_a_disabled_account_is_a_documented_409_problem"
    ),
    ("PUT", _ACCOUNT + "/password", "422"): Reached(
        ANSWERS + "test_an_account_body_breaking_its_schema_is_a_422_problem"
    ),
    ("PUT", _ACCOUNT + "/password", "503"): STAFF_DOWN,
    # Bodies over the cap, on every operation that takes one; failed logins over the limit.
    ("POST", _DOCUMENT, "413"): BODY_CAP,
    ("POST", "/api/v1/accounts", "413"): BODY_CAP,
    ("POST", _ACCOUNT + "/disable", "413"): BODY_CAP,
    ("POST", "/api/v1/auth/password", "413"): BODY_CAP,
    ("POST", "/api/v1/auth/token", "413"): BODY_CAP,
    ("POST", _REORGANISATIONS, "413"): BODY_CAP,
    ("POST", "/api/v1/auth/token", "429"): Reached(
        RATE_LIMITS + "test_the_sixth_failed_login_of_a_username_is_429_and_so_is_the_right_password"
    ),
    # Administrative units.
    ("GET", "/api/v1/units", "200"): Reached(
        UNITS + "test_units_under_a_parent_are_listed_as_of_the_day_asked"
    ),
    ("GET", "/api/v1/units", "401"): Reached(UNITS + "test_reading_units_needs_a_signed_in_account"),
    ("GET", "/api/v1/units", "422"): Reached(UNITS + "test_a_malformed_as_of_is_refused_before_any_call"),
    ("GET", "/api/v1/units", "503"): STAFF_DOWN,
    ("GET", _UNIT, "200"): Reached(
        UNITS + "test_a_unit_that_did_not_exist_on_the_day_is_a_404_problem_in_vietnamese_or_english"
    ),
    ("GET", _UNIT, "401"): NO_TOKEN,
    ("GET", _UNIT, "404"): Reached(
        UNITS + "test_a_unit_that_did_not_exist_on_the_day_is_a_404_problem_in_vietnamese_or_english"
    ),
    ("GET", _UNIT, "422"): Reached(
        UNITS + "test_a_malformed_code_or_day_of_one_unit_is_refused_before_any_call"
    ),
    ("GET", _UNIT, "503"): STAFF_DOWN,
    ("GET", _UNIT + "/lineage", "200"): Reached(
        UNITS + "test_the_lineage_says_what_a_unit_came_from_and_became_with_dates"
    ),
    ("GET", _UNIT + "/lineage", "401"): NO_TOKEN,
    ("GET", _UNIT + "/lineage", "404"): Reached(
        UNITS + "test_the_lineage_of_an_unknown_unit_is_a_404_problem"
    ),
    ("GET", _UNIT + "/lineage", "422"): Reached(
        UNITS + "test_a_malformed_code_or_day_of_one_unit_is_refused_before_any_call"
    ),
    ("GET", _UNIT + "/lineage", "503"): STAFF_DOWN,
    ("POST", _REORGANISATIONS, "200"): Reached(
        UNITS + "test_a_reorganisation_the_service_recorded_before_a_gateway_restart_answers_200"
    ),
    ("POST", _REORGANISATIONS, "201"): Reached(
        UNITS + "test_an_administrator_records_a_reorganisation_once_per_idempotency_key"
    ),
    ("POST", _REORGANISATIONS, "401"): NO_TOKEN,
    ("POST", _REORGANISATIONS, "403"): Reached(UNITS + "test_a_clerk_may_not_reorganise_units"),
    ("POST", _REORGANISATIONS, "404"): Reached(
        UNITS + "test_a_reorganisation_naming_an_unknown_unit_is_a_404_problem"
    ),
    ("POST", _REORGANISATIONS, "409"): KEY_IN_USE,
    ("POST", _REORGANISATIONS, "422"): Reached(
        UNITS + "test_a_refused_reorganisation_is_a_problem_naming_the_rule"
    ),
    ("POST", _REORGANISATIONS, "503"): STAFF_DOWN,
    # People of a commune office, its office team, model adoption.
    ("POST", _STAFF, "201"): Reached(
        PEOPLE + "test_a_team_lead_adds_a_person_and_the_commune_staff_list_shows_bodies_and_allowance"
    ),
    ("POST", _STAFF, "401"): NO_TOKEN,
    ("POST", _STAFF, "403"): Reached(PEOPLE + "test_a_clerk_reads_the_staff_but_may_not_add_anyone"),
    ("POST", _STAFF, "409"): KEY_IN_USE,
    ("POST", _STAFF, "413"): BODY_CAP,
    ("POST", _STAFF, "422"): Reached(PEOPLE + "test_an_unknown_title_is_refused_in_vietnamese_and_english"),
    ("POST", _STAFF, "503"): STAFF_DOWN,
    ("GET", _STAFF, "200"): Reached(
        PEOPLE + "test_a_team_lead_adds_a_person_and_the_commune_staff_list_shows_bodies_and_allowance"
    ),
    ("GET", _STAFF, "401"): NO_TOKEN,
    ("GET", _STAFF, "403"): Reached(PEOPLE + "test_the_staff_of_a_commune_outside_the_scope_are_not_shown"),
    ("GET", _STAFF, "422"): Reached(PEOPLE + "test_a_malformed_day_is_a_422_problem_on_every_reading"),
    ("GET", _STAFF, "503"): STAFF_DOWN,
    ("GET", _PERSON, "200"): Reached(
        PEOPLE + "test_a_person_is_read_back_by_id_and_an_unknown_or_malformed_id_is_refused"
    ),
    ("GET", _PERSON, "401"): NO_TOKEN,
    ("GET", _PERSON, "403"): NO_ROLE,
    ("GET", _PERSON, "404"): Reached(
        PEOPLE + "test_a_person_is_read_back_by_id_and_an_unknown_or_malformed_id_is_refused"
    ),
    ("GET", _PERSON, "422"): Reached(
        PEOPLE + "test_a_person_is_read_back_by_id_and_an_unknown_or_malformed_id_is_refused"
    ),
    ("GET", _PERSON, "503"): STAFF_DOWN,
    ("POST", _PERSON + "/transfer", "200"): Reached(
        PEOPLE + "test_a_team_lead_of_both_communes_transfers_a_person_but_not_an_unknown_one"
    ),
    ("POST", _PERSON + "/transfer", "401"): NO_TOKEN,
    ("POST", _PERSON + "/transfer", "403"): Reached(
        PEOPLE + "test_a_transfer_to_a_commune_outside_the_callers_scope_is_refused"
    ),
    ("POST", _PERSON + "/transfer", "404"): Reached(
        PEOPLE + "test_a_team_lead_of_both_communes_transfers_a_person_but_not_an_unknown_one"
    ),
    ("POST", _PERSON + "/transfer", "409"): KEY_IN_USE,
    ("POST", _PERSON + "/transfer", "413"): BODY_CAP,
    ("POST", _PERSON + "/transfer", "422"): Reached(
        PEOPLE + "test_a_team_lead_of_both_communes_transfers_a_person_but_not_an_unknown_one"
    ),
    ("POST", _PERSON + "/transfer", "503"): STAFF_DOWN,
    ("POST", _PERSON + "/leave", "200"): Reached(PEOPLE + "test_leaving_twice_is_refused"),
    ("POST", _PERSON + "/leave", "401"): NO_TOKEN,
    ("POST", _PERSON + "/leave", "403"): NO_ROLE,
    ("POST", _PERSON + "/leave", "404"): Reached(PEOPLE + "test_an_unknown_person_cannot_leave"),
    ("POST", _PERSON + "/leave", "409"): KEY_IN_USE,
    ("POST", _PERSON + "/leave", "413"): BODY_CAP,
    ("POST", _PERSON + "/leave", "422"): Reached(PEOPLE + "test_leaving_twice_is_refused"),
    ("POST", _PERSON + "/leave", "503"): STAFF_DOWN,
    ("GET", _TEAM, "200"): Reached(PEOPLE + "test_the_office_team_is_set_up_changed_and_read"),
    ("GET", _TEAM, "401"): NO_TOKEN,
    ("GET", _TEAM, "403"): NO_ROLE,
    ("GET", _TEAM, "422"): Reached(PEOPLE + "test_a_malformed_day_is_a_422_problem_on_every_reading"),
    ("GET", _TEAM, "503"): STAFF_DOWN,
    ("PUT", _TEAM, "200"): Reached(PEOPLE + "test_the_office_team_is_set_up_changed_and_read"),
    ("PUT", _TEAM, "401"): NO_TOKEN,
    ("PUT", _TEAM, "403"): NO_ROLE,
    ("PUT", _TEAM, "422"): Reached(PEOPLE + "test_a_team_lead_who_is_not_staff_is_refused"),
    ("PUT", _TEAM, "503"): STAFF_DOWN,
    ("POST", _TEAM + "/changes", "200"): Reached(PEOPLE + "test_the_office_team_is_set_up_changed_and_read"),
    ("POST", _TEAM + "/changes", "401"): NO_TOKEN,
    ("POST", _TEAM + "/changes", "403"): NO_ROLE,
    ("POST", _TEAM + "/changes", "409"): KEY_IN_USE,
    ("POST", _TEAM + "/changes", "413"): BODY_CAP,
    ("POST", _TEAM + "/changes", "422"): Reached(
        PEOPLE + "test_a_change_to_an_office_team_never_set_up_is_refused"
    ),
    ("POST", _TEAM + "/changes", "503"): STAFF_DOWN,
    ("POST", _ADOPTION, "201"): Reached(
        PEOPLE + "test_model_adoptions_are_recorded_once_and_listed_as_of_a_day"
    ),
    ("POST", _ADOPTION, "401"): NO_TOKEN,
    ("POST", _ADOPTION, "403"): NO_ROLE,
    ("POST", _ADOPTION, "409"): KEY_IN_USE,
    ("POST", _ADOPTION, "413"): BODY_CAP,
    ("POST", _ADOPTION, "422"): Reached(PEOPLE + "test_a_second_model_adoption_on_another_day_is_refused"),
    ("POST", _ADOPTION, "503"): STAFF_DOWN,
    ("GET", "/api/v1/model-adoptions", "200"): Reached(
        PEOPLE + "test_model_adoptions_are_recorded_once_and_listed_as_of_a_day"
    ),
    ("GET", "/api/v1/model-adoptions", "401"): NO_TOKEN,
    ("GET", "/api/v1/model-adoptions", "422"): Reached(
        PEOPLE + "test_a_malformed_day_is_a_422_problem_on_every_reading"
    ),
    ("GET", "/api/v1/model-adoptions", "503"): STAFF_DOWN,
    # Duties: the district catalogue, a commune's roster, gaps, absences and coverage.
    ("GET", _CATALOGUE, "200"): Reached(
        DUTIES + "test_anyone_signed_in_reads_the_catalogue_but_only_an_administrator_publishes_a_version"
    ),
    ("GET", _CATALOGUE, "401"): NO_TOKEN,
    ("GET", _CATALOGUE, "404"): Reached(
        DUTIES + "test_an_unknown_catalogue_version_is_a_404_and_a_version_below_one_a_422"
    ),
    ("GET", _CATALOGUE, "422"): Reached(
        DUTIES + "test_an_unknown_catalogue_version_is_a_404_and_a_version_below_one_a_422"
    ),
    ("GET", _CATALOGUE, "503"): STAFF_DOWN,
    ("POST", _CATALOGUE + "/versions", "201"): Reached(
        DUTIES + "test_anyone_signed_in_reads_the_catalogue_but_only_an_administrator_publishes_a_version"
    ),
    ("POST", _CATALOGUE + "/versions", "401"): NO_TOKEN,
    ("POST", _CATALOGUE + "/versions", "403"): Reached(
        DUTIES + "test_anyone_signed_in_reads_the_catalogue_but_only_an_administrator_publishes_a_version"
    ),
    ("POST", _CATALOGUE + "/versions", "409"): KEY_IN_USE,
    ("POST", _CATALOGUE + "/versions", "413"): BODY_CAP,
    ("POST", _CATALOGUE + "/versions", "422"): Reached(
        DUTIES + "test_a_catalogue_version_with_a_malformed_code_is_refused_before_the_service"
    ),
    ("POST", _CATALOGUE + "/versions", "503"): STAFF_DOWN,
    ("PUT", _COMMUNE + "/duty-catalogue", "200"): Reached(
        DUTIES + "test_the_team_lead_adopts_a_catalogue_version_and_reads_the_roster"
    ),
    ("PUT", _COMMUNE + "/duty-catalogue", "401"): NO_TOKEN,
    ("PUT", _COMMUNE + "/duty-catalogue", "403"): NO_ROLE,
    ("PUT", _COMMUNE + "/duty-catalogue", "404"): Reached(
        DUTIES + "test_the_team_lead_adopts_a_catalogue_version_and_reads_the_roster"
    ),
    ("PUT", _COMMUNE + "/duty-catalogue", "422"): Reached(
        DUTIES + "test_the_team_lead_adopts_a_catalogue_version_and_reads_the_roster"
    ),
    ("PUT", _COMMUNE + "/duty-catalogue", "503"): STAFF_DOWN,
    ("GET", _COMMUNE + "/duties", "200"): Reached(
        DUTIES + "test_the_team_lead_adopts_a_catalogue_version_and_reads_the_roster"
    ),
    ("GET", _COMMUNE + "/duties", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/duties", "403"): NO_ROLE,
    ("GET", _COMMUNE + "/duties", "422"): Reached(
        DUTIES + "test_a_malformed_commune_code_is_a_422_before_the_roster_or_gaps_are_read"
    ),
    ("GET", _COMMUNE + "/duties", "503"): STAFF_DOWN,
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "200"): Reached(
        DUTIES + "test_the_team_lead_assigns_a_duty_and_the_gaps_list_what_is_left"
    ),
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "401"): NO_TOKEN,
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "403"): Reached(
        DUTIES + "test_a_team_lead_of_another_commune_and_a_clerk_may_not_assign"
    ),
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "404"): Reached(
        DUTIES + "test_changes_to_a_commune_that_no_longer_exists_are_404_problems"
    ),
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "422"): Reached(
        DUTIES + "test_a_backup_equal_to_the_primary_is_a_422_in_vietnamese"
    ),
    ("PUT", _COMMUNE + "/duties/{duty}/assignment", "503"): STAFF_DOWN,
    ("GET", _COMMUNE + "/duty-gaps", "200"): Reached(
        DUTIES + "test_the_team_lead_assigns_a_duty_and_the_gaps_list_what_is_left"
    ),
    ("GET", _COMMUNE + "/duty-gaps", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/duty-gaps", "403"): NO_ROLE,
    ("GET", _COMMUNE + "/duty-gaps", "422"): Reached(
        DUTIES + "test_a_malformed_commune_code_is_a_422_before_the_roster_or_gaps_are_read"
    ),
    ("GET", _COMMUNE + "/duty-gaps", "503"): STAFF_DOWN,
    ("POST", _COMMUNE + "/absences", "201"): Reached(
        DUTIES + "test_an_absence_is_recorded_and_the_coverage_of_its_day_shows_the_backup"
    ),
    ("POST", _COMMUNE + "/absences", "401"): NO_TOKEN,
    ("POST", _COMMUNE + "/absences", "403"): NO_ROLE,
    ("POST", _COMMUNE + "/absences", "404"): Reached(
        DUTIES + "test_changes_to_a_commune_that_no_longer_exists_are_404_problems"
    ),
    ("POST", _COMMUNE + "/absences", "409"): KEY_IN_USE,
    ("POST", _COMMUNE + "/absences", "413"): BODY_CAP,
    ("POST", _COMMUNE + "/absences", "422"): Reached(
        DUTIES + "test_an_absence_of_an_unknown_kind_is_refused_before_the_service"
    ),
    ("POST", _COMMUNE + "/absences", "503"): STAFF_DOWN,
    ("GET", _COMMUNE + "/coverage", "200"): Reached(
        DUTIES + "test_an_absence_is_recorded_and_the_coverage_of_its_day_shows_the_backup"
    ),
    ("GET", _COMMUNE + "/coverage", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/coverage", "403"): NO_ROLE,
    ("GET", _COMMUNE + "/coverage", "422"): Reached(
        DUTIES + "test_a_malformed_coverage_day_is_a_422_before_the_service"
    ),
    ("GET", _COMMUNE + "/coverage", "503"): STAFF_DOWN,
    # Attachments of incoming documents.
    ("POST", _ATTACHMENTS, "201"): Reached(
        ATTACHMENTS + "test_a_file_posted_as_multipart_is_attached_and_answered_201"
    ),
    ("POST", _ATTACHMENTS, "401"): NO_TOKEN,
    ("POST", _ATTACHMENTS, "403"): NO_ROLE,
    ("POST", _ATTACHMENTS, "404"): Reached(ATTACHMENTS + "test_attaching_to_an_unknown_document_is_404"),
    ("POST", _ATTACHMENTS, "409"): KEY_IN_USE,
    ("POST", _ATTACHMENTS, "413"): Reached(
        ATTACHMENTS + "test_a_file_over_the_attachment_limit_is_413_and_never_reaches_the_service"
    ),
    ("POST", _ATTACHMENTS, "400"): MALFORMED_MULTIPART,
    ("POST", _ATTACHMENTS, "415"): Reached(
        ATTACHMENTS + "test_a_file_the_service_refuses_is_a_problem_with_its_own_status"
    ),
    ("POST", _ATTACHMENTS, "422"): Reached(ATTACHMENTS + "test_a_post_without_a_file_is_422"),
    ("POST", _ATTACHMENTS, "503"): STAFF_DOWN,
    ("GET", _ATTACHMENTS, "200"): Reached(
        ATTACHMENTS + "test_the_attachments_are_listed_and_downloaded_with_name_type_and_etag"
    ),
    ("GET", _ATTACHMENTS, "401"): NO_TOKEN,
    ("GET", _ATTACHMENTS, "403"): NO_ROLE,
    ("GET", _ATTACHMENTS, "404"): Reached(ATTACHMENTS + "test_an_unknown_attachment_is_404"),
    ("GET", _ATTACHMENTS, "422"): Reached(
        ATTACHMENTS + "test_a_malformed_document_id_is_422_before_any_service"
    ),
    ("GET", _ATTACHMENTS, "503"): STAFF_DOWN,
    ("GET", _ATTACHMENTS + "/{attachment_id}", "200"): Reached(
        ATTACHMENTS + "test_the_attachments_are_listed_and_downloaded_with_name_type_and_etag"
    ),
    ("GET", _ATTACHMENTS + "/{attachment_id}", "401"): NO_TOKEN,
    ("GET", _ATTACHMENTS + "/{attachment_id}", "403"): NO_ROLE,
    ("GET", _ATTACHMENTS + "/{attachment_id}", "404"): Reached(
        ATTACHMENTS + "test_an_unknown_attachment_is_404"
    ),
    ("GET", _ATTACHMENTS + "/{attachment_id}", "422"): Reached(
        ATTACHMENTS + "test_a_malformed_document_id_is_422_before_any_service"
    ),
    ("GET", _ATTACHMENTS + "/{attachment_id}", "503"): STAFF_DOWN,
    ("GET", _UNIT + "/bodies", "200"): Reached(UNITS + _BODIES),
    ("GET", _UNIT + "/bodies", "401"): NO_TOKEN,
    ("GET", _UNIT + "/bodies", "404"): Reached(UNITS + _BODIES),
    ("GET", _UNIT + "/bodies", "422"): Reached(UNITS + _BODIES),
    ("GET", _UNIT + "/bodies", "503"): STAFF_DOWN,
    # Document symbols, for anyone signed in.
    ("POST", "/api/v1/document-symbols/parse", "200"): Reached(
        SYMBOLS + "test_a_party_symbol_is_answered_with_exactly_the_contract_fields"
    ),
    ("POST", "/api/v1/document-symbols/parse", "401"): Reached(
        SYMBOLS + "test_reading_a_symbol_needs_a_signed_in_user"
    ),
    ("POST", "/api/v1/document-symbols/parse", "409"): KEY_IN_USE,
    ("POST", "/api/v1/document-symbols/parse", "413"): BODY_CAP,
    ("POST", "/api/v1/document-symbols/parse", "422"): Reached(
        SYMBOLS + "test_a_body_the_api_does_not_take_is_a_422_problem"
    ),
    ("POST", "/api/v1/document-symbols/parse", "503"): Reached(
        SYMBOLS + "test_the_documents_service_not_answering_is_a_503_problem"
    ),
    # Outgoing documents (văn bản đi).
    ("POST", _OUTGOING, "201"): Reached(
        OUTGOING + "test_a_draft_answers_201_with_the_signer_as_the_staff_service_knows_them"
    ),
    ("POST", _OUTGOING, "401"): NO_TOKEN,
    ("POST", _OUTGOING, "404"): Explained(
        "Only for a commune that does not exist (or has ceased) on the office day, which the gateway's "
        "scope check lets through only for an account scoped to such a code: the documents service "
        "refuses it (CommuneNotFound, gRPC NOT_FOUND), tested in the service and through the demo for "
        "incoming documents.",
        see="tests/unit/documents/test_outgoing_handlers.py::test_a_commune_that_does_not_exist_today_cannot_draft",
    ),
    ("POST", _OUTGOING, "403"): NO_ROLE,
    ("POST", _OUTGOING, "409"): KEY_IN_USE,
    ("POST", _OUTGOING, "413"): BODY_CAP,
    ("POST", _OUTGOING, "422"): Reached(
        OUTGOING + "test_a_signer_who_is_not_staff_of_the_commune_is_refused_and_nothing_drafted"
    ),
    ("POST", _OUTGOING, "503"): STAFF_DOWN,
    ("GET", _OUTGOING_ONE, "200"): Reached(
        OUTGOING + "test_a_document_is_read_back_with_every_field_of_its_layout"
    ),
    ("GET", _OUTGOING_ONE, "401"): NO_TOKEN,
    ("GET", _OUTGOING_ONE, "403"): NO_ROLE,
    ("GET", _OUTGOING_ONE, "404"): Reached(OUTGOING + "test_getting_an_unknown_document_is_a_404"),
    ("GET", _OUTGOING_ONE, "422"): Reached(OUTGOING + "test_a_document_id_with_a_bidi_override_is_refused"),
    ("GET", _OUTGOING_ONE, "503"): STAFF_DOWN,
    ("GET", _OUTGOING_ONE + "/render", "200"): Reached(
        OUTGOING + "test_a_document_is_rendered_as_docx_by_default_and_as_html_with_its_own_policy"
    ),
    ("GET", _OUTGOING_ONE + "/render", "401"): NO_TOKEN,
    ("GET", _OUTGOING_ONE + "/render", "403"): NO_ROLE,
    ("GET", _OUTGOING_ONE + "/render", "404"): Reached(
        OUTGOING + "test_rendering_an_unknown_format_is_a_422_and_an_unknown_document_a_404"
    ),
    ("GET", _OUTGOING_ONE + "/render", "422"): Reached(
        OUTGOING + "test_rendering_an_unknown_format_is_a_422_and_an_unknown_document_a_404"
    ),
    ("GET", _OUTGOING_ONE + "/render", "503"): STAFF_DOWN,
    ("POST", _OUTGOING_ONE + "/number", "200"): Reached(
        OUTGOING + "test_numbering_answers_number_symbol_and_formatted"
    ),
    ("POST", _OUTGOING_ONE + "/number", "401"): NO_TOKEN,
    ("POST", _OUTGOING_ONE + "/number", "403"): NO_ROLE,
    ("POST", _OUTGOING_ONE + "/number", "404"): Reached(
        OUTGOING + "test_an_unknown_document_cannot_be_numbered_dispatched_or_recalled"
    ),
    ("POST", _OUTGOING_ONE + "/number", "409"): Reached(
        OUTGOING + "test_a_register_that_kept_changing_is_a_409_problem"
    ),
    ("POST", _OUTGOING_ONE + "/number", "413"): BODY_CAP,
    ("POST", _OUTGOING_ONE + "/number", "422"): Reached(
        OUTGOING + "test_numbering_twice_is_a_422_naming_the_rule"
    ),
    ("POST", _OUTGOING_ONE + "/number", "503"): STAFF_DOWN,
    ("POST", _OUTGOING_ONE + "/dispatch", "200"): Reached(
        OUTGOING + "test_the_register_has_the_regulations_columns_in_number_order"
    ),
    ("POST", _OUTGOING_ONE + "/dispatch", "401"): NO_TOKEN,
    ("POST", _OUTGOING_ONE + "/dispatch", "403"): NO_ROLE,
    ("POST", _OUTGOING_ONE + "/dispatch", "404"): Reached(
        OUTGOING + "test_an_unknown_document_cannot_be_numbered_dispatched_or_recalled"
    ),
    ("POST", _OUTGOING_ONE + "/dispatch", "409"): KEY_IN_USE,
    ("POST", _OUTGOING_ONE + "/dispatch", "413"): BODY_CAP,
    ("POST", _OUTGOING_ONE + "/dispatch", "422"): Reached(
        OUTGOING + "test_dispatching_a_draft_and_recalling_without_a_reason_are_422"
    ),
    ("POST", _OUTGOING_ONE + "/dispatch", "503"): STAFF_DOWN,
    ("POST", _OUTGOING_ONE + "/recall", "200"): Reached(
        OUTGOING + "test_the_register_has_the_regulations_columns_in_number_order"
    ),
    ("POST", _OUTGOING_ONE + "/recall", "401"): NO_TOKEN,
    ("POST", _OUTGOING_ONE + "/recall", "403"): NO_ROLE,
    ("POST", _OUTGOING_ONE + "/recall", "404"): Reached(
        OUTGOING + "test_an_unknown_document_cannot_be_numbered_dispatched_or_recalled"
    ),
    ("POST", _OUTGOING_ONE + "/recall", "409"): KEY_IN_USE,
    ("POST", _OUTGOING_ONE + "/recall", "413"): BODY_CAP,
    ("POST", _OUTGOING_ONE + "/recall", "422"): Reached(
        OUTGOING + "test_dispatching_a_draft_and_recalling_without_a_reason_are_422"
    ),
    ("POST", _OUTGOING_ONE + "/recall", "503"): STAFF_DOWN,
    ("GET", _OUTGOING_REGISTER, "200"): Reached(
        OUTGOING + "test_the_register_has_the_regulations_columns_in_number_order"
    ),
    ("GET", _OUTGOING_REGISTER, "401"): NO_TOKEN,
    ("GET", _OUTGOING_REGISTER, "403"): NO_ROLE,
    ("GET", _OUTGOING_REGISTER, "422"): Reached(OUTGOING + "test_the_register_needs_a_body"),
    ("GET", _OUTGOING_REGISTER, "503"): STAFF_DOWN,
    ("GET", _COMMUNE + "/work-board", "200"): Reached(
        BOARDS + "test_the_work_board_answers_counts_per_handler_and_body_with_its_as_of"
    ),
    ("GET", _COMMUNE + "/work-board", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/work-board", "403"): Reached(
        BOARDS + "test_another_communes_handler_and_the_administrator_may_not_read_the_board"
    ),
    ("GET", _COMMUNE + "/work-board", "422"): Reached(
        BOARDS + "test_the_board_needs_a_signed_in_caller_and_a_well_formed_commune"
    ),
    ("GET", _COMMUNE + "/work-board", "503"): Reached(BOARDS + "test_a_reporting_outage_is_a_503"),
    ("GET", "/api/v1/me/today", "200"): Reached(
        BOARDS + "test_my_day_is_the_day_of_the_person_whose_account_is_signed_in"
    ),
    ("GET", "/api/v1/me/today", "401"): NO_TOKEN,
    ("GET", "/api/v1/me/today", "404"): Reached(BOARDS + "test_an_account_of_no_staff_member_has_no_day"),
    ("GET", "/api/v1/me/today", "503"): STAFF_DOWN,
    # Record files (hồ sơ) and retention.
    ("POST", _RECORDS, "201"): Reached(
        RECORDS + "test_the_clerk_enters_a_file_and_the_list_is_read_by_body_and_year"
    ),
    ("POST", _RECORDS, "401"): NO_TOKEN,
    ("POST", _RECORDS, "403"): NO_ROLE,
    ("POST", _RECORDS, "404"): Reached(
        RECORDS + "test_an_unknown_file_and_a_commune_that_does_not_exist_are_404"
    ),
    ("POST", _RECORDS, "409"): KEY_IN_USE,
    ("POST", _RECORDS, "413"): BODY_CAP,
    ("POST", _RECORDS, "422"): Reached(RECORDS + "test_a_malformed_file_is_422_before_the_service"),
    ("POST", _RECORDS, "503"): STAFF_DOWN,
    ("GET", _RECORDS, "200"): Reached(
        RECORDS + "test_the_clerk_enters_a_file_and_the_list_is_read_by_body_and_year"
    ),
    ("GET", _RECORDS, "401"): NO_TOKEN,
    ("GET", _RECORDS, "403"): NO_ROLE,
    ("GET", _RECORDS, "404"): Reached(
        RECORDS + "test_an_unknown_file_and_a_commune_that_does_not_exist_are_404"
    ),
    ("GET", _RECORDS, "422"): Reached(RECORDS + "test_a_malformed_list_query_is_422_before_the_service"),
    ("GET", _RECORDS, "503"): STAFF_DOWN,
    ("GET", _RECORD, "200"): Reached(
        RECORDS + "test_the_clerk_enters_a_file_and_the_list_is_read_by_body_and_year"
    ),
    ("GET", _RECORD, "401"): NO_TOKEN,
    ("GET", _RECORD, "403"): NO_ROLE,
    ("GET", _RECORD, "404"): Reached(
        RECORDS + "test_an_unknown_file_and_a_commune_that_does_not_exist_are_404"
    ),
    ("GET", _RECORD, "422"): Reached(RECORDS + "test_a_malformed_file_id_is_422_before_the_service"),
    ("GET", _RECORD, "503"): STAFF_DOWN,
    ("POST", _RECORD + "/close", "200"): Reached(RECORDS + "test_closing_twice_is_a_422_problem"),
    ("POST", _RECORD + "/close", "401"): NO_TOKEN,
    ("POST", _RECORD + "/close", "403"): NO_ROLE,
    ("POST", _RECORD + "/close", "404"): Reached(RECORDS + "test_changes_to_an_unknown_file_are_404"),
    ("POST", _RECORD + "/close", "409"): KEY_IN_USE,
    ("POST", _RECORD + "/close", "413"): BODY_CAP,
    ("POST", _RECORD + "/close", "422"): Reached(RECORDS + "test_closing_twice_is_a_422_problem"),
    ("POST", _RECORD + "/close", "503"): STAFF_DOWN,
    ("POST", _RECORD + "/documents", "200"): Reached(
        RECORDS + "test_a_document_is_linked_and_files_are_handed_over_with_their_list"
    ),
    ("POST", _RECORD + "/documents", "401"): NO_TOKEN,
    ("POST", _RECORD + "/documents", "403"): NO_ROLE,
    ("POST", _RECORD + "/documents", "404"): Reached(RECORDS + "test_changes_to_an_unknown_file_are_404"),
    ("POST", _RECORD + "/documents", "409"): KEY_IN_USE,
    ("POST", _RECORD + "/documents", "413"): BODY_CAP,
    ("POST", _RECORD + "/documents", "422"): Reached(
        RECORDS + "test_a_malformed_link_is_422_before_the_service"
    ),
    ("POST", _RECORD + "/documents", "503"): STAFF_DOWN,
    ("POST", _RECORDS + "/handovers", "201"): Reached(
        RECORDS + "test_a_document_is_linked_and_files_are_handed_over_with_their_list"
    ),
    ("POST", _RECORDS + "/handovers", "401"): NO_TOKEN,
    ("POST", _RECORDS + "/handovers", "403"): NO_ROLE,
    ("POST", _RECORDS + "/handovers", "404"): Reached(RECORDS + "test_changes_to_an_unknown_file_are_404"),
    ("POST", _RECORDS + "/handovers", "409"): KEY_IN_USE,
    ("POST", _RECORDS + "/handovers", "413"): BODY_CAP,
    ("POST", _RECORDS + "/handovers", "422"): Reached(
        RECORDS + "test_an_empty_hand_over_list_is_422_before_the_service"
    ),
    ("POST", _RECORDS + "/handovers", "503"): STAFF_DOWN,
    ("POST", _RECORD + "/disposal", "200"): Reached(
        RECORDS + "test_disposing_of_a_permanent_file_is_refused_and_an_expired_one_is_marked"
    ),
    ("POST", _RECORD + "/disposal", "401"): NO_TOKEN,
    ("POST", _RECORD + "/disposal", "403"): NO_ROLE,
    ("POST", _RECORD + "/disposal", "404"): Reached(RECORDS + "test_changes_to_an_unknown_file_are_404"),
    ("POST", _RECORD + "/disposal", "409"): KEY_IN_USE,
    ("POST", _RECORD + "/disposal", "413"): BODY_CAP,
    ("POST", _RECORD + "/disposal", "422"): Reached(
        RECORDS + "test_disposing_of_a_permanent_file_is_refused_and_an_expired_one_is_marked"
    ),
    ("POST", _RECORD + "/disposal", "503"): STAFF_DOWN,
    # Tracked work (#12): passing on, directions, tasks.
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "201"): Reached(
        TASKS + "test_a_clerk_passes_a_document_on_and_its_work_shows_the_recipient_and_the_day"
    ),
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "401"): NO_TOKEN,
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "403"): NO_ROLE,
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "404"): Reached(
        TASKS + "test_passing_on_an_unknown_document_is_404"
    ),
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "409"): KEY_IN_USE,
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "413"): BODY_CAP,
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "422"): Reached(
        TASKS + "test_passing_on_to_an_unknown_kind_of_recipient_is_422_before_any_service"
    ),
    ("POST", _DOCUMENT + "/{document_id}/pass-on", "503"): STAFF_DOWN,
    ("GET", _DOCUMENT + "/{document_id}/work", "200"): Reached(
        TASKS + "test_a_clerk_passes_a_document_on_and_its_work_shows_the_recipient_and_the_day"
    ),
    ("GET", _DOCUMENT + "/{document_id}/work", "401"): NO_TOKEN,
    ("GET", _DOCUMENT + "/{document_id}/work", "403"): NO_ROLE,
    ("GET", _DOCUMENT + "/{document_id}/work", "404"): Reached(
        TASKS + "test_passing_on_an_unknown_document_is_404"
    ),
    ("GET", _DOCUMENT + "/{document_id}/work", "422"): Reached(
        TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"
    ),
    ("GET", _DOCUMENT + "/{document_id}/work", "503"): STAFF_DOWN,
    ("POST", _DOCUMENT + "/{document_id}/direction", "201"): Reached(
        TASKS + "test_a_leader_directs_a_document_and_the_handler_completes_the_task"
    ),
    ("POST", _DOCUMENT + "/{document_id}/direction", "401"): NO_TOKEN,
    ("POST", _DOCUMENT + "/{document_id}/direction", "403"): NO_ROLE,
    ("POST", _DOCUMENT + "/{document_id}/direction", "404"): Explained(
        "The fake answers 404 for an unknown document like the pass-on route, through the same "
        "service error mapping; the direction route adds nothing to it.",
        see=TASKS + "test_passing_on_an_unknown_document_is_404",
    ),
    ("POST", _DOCUMENT + "/{document_id}/direction", "409"): KEY_IN_USE,
    ("POST", _DOCUMENT + "/{document_id}/direction", "413"): BODY_CAP,
    ("POST", _DOCUMENT + "/{document_id}/direction", "422"): Reached(
        TASKS + "test_a_refused_direction_is_422_with_the_services_message"
    ),
    ("POST", _DOCUMENT + "/{document_id}/direction", "503"): STAFF_DOWN,
    ("POST", _TASKS, "201"): Reached(
        TASKS + "test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it"
    ),
    ("POST", _TASKS, "401"): NO_TOKEN,
    ("POST", _TASKS, "403"): NO_ROLE,
    ("POST", _TASKS, "409"): KEY_IN_USE,
    ("POST", _TASKS, "413"): BODY_CAP,
    ("POST", _TASKS, "422"): Reached(TASKS + "test_a_refused_direction_is_422_with_the_services_message"),
    ("POST", _TASKS, "503"): STAFF_DOWN,
    ("GET", _TASKS, "200"): Reached(
        TASKS + "test_a_leader_directs_a_document_and_the_handler_completes_the_task"
    ),
    ("GET", _TASKS, "401"): NO_TOKEN,
    ("GET", _TASKS, "403"): NO_ROLE,
    ("GET", _TASKS, "422"): Reached(TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"),
    ("GET", _TASKS, "503"): STAFF_DOWN,
    ("GET", _TASK, "200"): Reached(
        TASKS + "test_a_leader_directs_a_document_and_the_handler_completes_the_task"
    ),
    ("GET", _TASK, "401"): NO_TOKEN,
    ("GET", _TASK, "403"): NO_ROLE,
    ("GET", _TASK, "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("GET", _TASK, "422"): Reached(TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"),
    ("GET", _TASK, "503"): STAFF_DOWN,
    ("POST", _TASK + "/progress", "200"): Reached(
        TASKS + "test_a_leader_directs_a_document_and_the_handler_completes_the_task"
    ),
    ("POST", _TASK + "/progress", "401"): NO_TOKEN,
    ("POST", _TASK + "/progress", "403"): NO_ROLE,
    ("POST", _TASK + "/progress", "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("POST", _TASK + "/progress", "409"): Reached(
        TASKS + "test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409"
    ),
    ("POST", _TASK + "/progress", "413"): BODY_CAP,
    ("POST", _TASK + "/progress", "422"): Reached(
        TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"
    ),
    ("POST", _TASK + "/progress", "503"): STAFF_DOWN,
    ("POST", _TASK + "/complete", "200"): Reached(
        TASKS + "test_a_leader_directs_a_document_and_the_handler_completes_the_task"
    ),
    ("POST", _TASK + "/complete", "401"): NO_TOKEN,
    ("POST", _TASK + "/complete", "403"): Reached(
        TASKS + "test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409"
    ),
    ("POST", _TASK + "/complete", "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("POST", _TASK + "/complete", "409"): Reached(
        TASKS + "test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409"
    ),
    ("POST", _TASK + "/complete", "413"): BODY_CAP,
    ("POST", _TASK + "/complete", "422"): Reached(
        TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"
    ),
    ("POST", _TASK + "/complete", "503"): STAFF_DOWN,
    ("POST", _TASK + "/reassign", "200"): Reached(
        TASKS + "test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it"
    ),
    ("POST", _TASK + "/reassign", "401"): NO_TOKEN,
    ("POST", _TASK + "/reassign", "403"): NO_ROLE,
    ("POST", _TASK + "/reassign", "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("POST", _TASK + "/reassign", "409"): Reached(
        TASKS + "test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409"
    ),
    ("POST", _TASK + "/reassign", "413"): BODY_CAP,
    ("POST", _TASK + "/reassign", "422"): Reached(
        TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"
    ),
    ("POST", _TASK + "/reassign", "503"): STAFF_DOWN,
    ("POST", _TASK + "/extend", "200"): Reached(
        TASKS + "test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it"
    ),
    ("POST", _TASK + "/extend", "401"): NO_TOKEN,
    ("POST", _TASK + "/extend", "403"): NO_ROLE,
    ("POST", _TASK + "/extend", "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("POST", _TASK + "/extend", "409"): Reached(
        TASKS + "test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409"
    ),
    ("POST", _TASK + "/extend", "413"): BODY_CAP,
    ("POST", _TASK + "/extend", "422"): Reached(
        TASKS + "test_extending_with_a_deadline_not_after_the_current_one_is_422"
    ),
    ("POST", _TASK + "/extend", "503"): STAFF_DOWN,
    ("POST", _TASK + "/reopen", "200"): Explained(
        "Reopening answers the task like every other change of a task (the same route code); the "
        "fake's reopen of a done task is not staged, its refusal of an open one is.",
        see=TASKS + "test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it",
    ),
    ("POST", _TASK + "/reopen", "401"): NO_TOKEN,
    ("POST", _TASK + "/reopen", "403"): NO_ROLE,
    ("POST", _TASK + "/reopen", "404"): Reached(TASKS + "test_an_unknown_task_is_404"),
    ("POST", _TASK + "/reopen", "409"): Reached(
        TASKS + "test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it"
    ),
    ("POST", _TASK + "/reopen", "413"): BODY_CAP,
    ("POST", _TASK + "/reopen", "422"): Reached(
        TASKS + "test_malformed_queries_and_bodies_are_422_before_any_service"
    ),
    ("POST", _TASK + "/reopen", "503"): STAFF_DOWN,
    # Attachments of outgoing documents.
    ("POST", _OUT_FILES, "201"): Reached(
        OUT_FILES + "test_a_file_posted_to_an_outgoing_document_is_attached_and_answered_201"
    ),
    ("POST", _OUT_FILES, "401"): NO_TOKEN,
    ("POST", _OUT_FILES, "403"): NO_ROLE,
    ("POST", _OUT_FILES, "404"): _OUT_UNKNOWN,
    ("POST", _OUT_FILES, "409"): KEY_IN_USE,
    ("POST", _OUT_FILES, "413"): Reached(OUT_FILES + "test_a_file_over_the_attachment_limit_is_413"),
    ("POST", _OUT_FILES, "400"): MALFORMED_MULTIPART,
    ("POST", _OUT_FILES, "415"): Reached(
        OUT_FILES + "test_a_file_the_service_refuses_is_415_and_a_post_without_a_file_is_422"
    ),
    ("POST", _OUT_FILES, "422"): Reached(
        OUT_FILES + "test_a_file_the_service_refuses_is_415_and_a_post_without_a_file_is_422"
    ),
    ("POST", _OUT_FILES, "503"): STAFF_DOWN,
    ("GET", _OUT_FILES, "200"): _OUT_LISTED,
    ("GET", _OUT_FILES, "401"): NO_TOKEN,
    ("GET", _OUT_FILES, "403"): NO_ROLE,
    ("GET", _OUT_FILES, "404"): _OUT_UNKNOWN,
    ("GET", _OUT_FILES, "422"): _OUT_MALFORMED,
    ("GET", _OUT_FILES, "503"): STAFF_DOWN,
    ("GET", _OUT_FILE, "200"): _OUT_LISTED,
    ("GET", _OUT_FILE, "401"): NO_TOKEN,
    ("GET", _OUT_FILE, "403"): NO_ROLE,
    ("GET", _OUT_FILE, "404"): _OUT_UNKNOWN,
    ("GET", _OUT_FILE, "422"): _OUT_MALFORMED,
    ("GET", _OUT_FILE, "503"): STAFF_DOWN,
    # One set of figures (#13): the indicator catalogue, reports, conflicts and adoptions.
    ("GET", "/api/v1/indicators", "200"): _FIG_CATALOGUE,
    ("GET", "/api/v1/indicators", "401"): NO_TOKEN,
    ("GET", "/api/v1/indicators", "409"): _FIG_CATALOGUE,
    ("GET", "/api/v1/indicators", "503"): STAFF_DOWN,
    ("POST", _FIGURES, "201"): _FIG_FLOW,
    ("POST", _FIGURES, "401"): NO_TOKEN,
    ("POST", _FIGURES, "403"): NO_ROLE,
    ("POST", _FIGURES, "409"): KEY_IN_USE,
    ("POST", _FIGURES, "413"): BODY_CAP,
    ("POST", _FIGURES, "422"): _FIG_REFUSED,
    ("POST", _FIGURES, "503"): STAFF_DOWN,
    ("GET", _FIGURES, "200"): _FIG_FLOW,
    ("GET", _FIGURES, "401"): NO_TOKEN,
    ("GET", _FIGURES, "403"): NO_ROLE,
    ("GET", _FIGURES, "422"): _FIG_MALFORMED,
    ("GET", _FIGURES, "503"): STAFF_DOWN,
    ("GET", _FIG_CONFLICTS, "200"): _FIG_FLOW,
    ("GET", _FIG_CONFLICTS, "401"): NO_TOKEN,
    ("GET", _FIG_CONFLICTS, "403"): NO_ROLE,
    ("GET", _FIG_CONFLICTS, "422"): _FIG_MALFORMED,
    ("GET", _FIG_CONFLICTS, "503"): STAFF_DOWN,
    ("POST", _FIG_ADOPT, "200"): _FIG_FLOW,
    ("POST", _FIG_ADOPT, "401"): NO_TOKEN,
    ("POST", _FIG_ADOPT, "403"): _FIG_FLOW,
    ("POST", _FIG_ADOPT, "404"): _FIG_FLOW,
    ("POST", _FIG_ADOPT, "409"): _FIG_FLOW,
    ("POST", _FIG_ADOPT, "413"): BODY_CAP,
    ("POST", _FIG_ADOPT, "422"): _FIG_MALFORMED,
    ("POST", _FIG_ADOPT, "503"): STAFF_DOWN,
    # The district and province view (#13).
    ("GET", "/api/v1/units/{code}/dashboard", "200"): Reached(
        DASHBOARD + "test_a_units_dashboard_answers_its_communes_side_by_side_with_the_positions"
    ),
    ("GET", "/api/v1/units/{code}/dashboard", "401"): NO_TOKEN,
    ("GET", "/api/v1/units/{code}/dashboard", "403"): Reached(
        DASHBOARD + "test_the_services_refusals_are_problems"
    ),
    ("GET", "/api/v1/units/{code}/dashboard", "404"): Reached(
        DASHBOARD + "test_the_services_refusals_are_problems"
    ),
    ("GET", "/api/v1/units/{code}/dashboard", "422"): Reached(
        DASHBOARD + "test_the_dashboard_needs_a_reader_a_period_and_well_formed_arguments"
    ),  # also an unknown sort, a limit or offset out of bounds (test_an_unknown_order_or_a_page_out_…)
    ("GET", "/api/v1/units/{code}/dashboard", "503"): Reached(
        DASHBOARD + "test_the_services_refusals_are_problems"
    ),
    ("GET", _COMMUNE + "/kpis", "200"): Reached(
        DASHBOARD + "test_a_communes_kpis_and_workload_are_read_in_its_scope_only"
    ),
    ("GET", _COMMUNE + "/kpis", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/kpis", "403"): NO_ROLE,
    ("GET", _COMMUNE + "/kpis", "404"): Reached(DASHBOARD + "test_a_communes_workload_refusals_are_problems"),
    ("GET", _COMMUNE + "/kpis", "422"): Reached(
        DASHBOARD + "test_the_dashboard_needs_a_reader_a_period_and_well_formed_arguments"
    ),
    ("GET", _COMMUNE + "/kpis", "503"): Reached(DASHBOARD + "test_a_communes_workload_refusals_are_problems"),
    ("GET", _COMMUNE + "/workload", "200"): Reached(
        DASHBOARD + "test_a_communes_kpis_and_workload_are_read_in_its_scope_only"
    ),
    ("GET", _COMMUNE + "/workload", "401"): NO_TOKEN,
    ("GET", _COMMUNE + "/workload", "403"): Reached(
        DASHBOARD + "test_a_communes_kpis_and_workload_are_read_in_its_scope_only"
    ),
    ("GET", _COMMUNE + "/workload", "404"): Reached(
        DASHBOARD + "test_a_communes_workload_refusals_are_problems"
    ),
    ("GET", _COMMUNE + "/workload", "422"): Reached(
        DASHBOARD + "test_the_dashboard_needs_a_reader_a_period_and_well_formed_arguments"
    ),
    ("GET", _COMMUNE + "/workload", "503"): Reached(
        DASHBOARD + "test_a_communes_workload_refusals_are_problems"
    ),
    # Registers exported (#13).
    ("GET", _REGISTERS, "200"): Reached(
        REGISTERS + "test_the_export_answers_the_register_as_a_file_of_the_chosen_format"
    ),
    ("GET", _REGISTERS, "401"): NO_TOKEN,
    ("GET", _REGISTERS, "403"): NO_ROLE,
    ("GET", _REGISTERS, "404"): Reached(REGISTERS + _REGISTER_REFUSALS),
    ("GET", _REGISTERS, "422"): Reached(REGISTERS + _REGISTER_REFUSALS),
    ("GET", _REGISTERS, "503"): STAFF_DOWN,
    # Audit history (#13).
    ("GET", _HISTORY, "200"): Reached(
        "tests/e2e/test_history_demo.py::test_the_auditor_reads_who_registered_passed_on_and_directed_a_document"
    ),
    ("GET", _HISTORY, "401"): NO_TOKEN,
    ("GET", _HISTORY, "403"): NO_ROLE,
    ("GET", _HISTORY, "404"): Reached(HISTORY + "test_an_unknown_document_is_404"),
    ("GET", _HISTORY, "422"): Reached(HISTORY + "test_as_of_before_the_first_event_is_a_422_problem"),
    ("GET", _HISTORY, "503"): STAFF_DOWN,
    # A commune as of a past moment (#13).
    ("GET", _AS_OF, "200"): Reached(
        "tests/e2e/test_commune_as_of_demo.py::"
        "test_the_auditor_finds_a_document_as_of_now_and_not_before_it_was_registered"
    ),
    ("GET", _AS_OF, "401"): NO_TOKEN,
    ("GET", _AS_OF, "403"): NO_ROLE,
    ("GET", _AS_OF, "404"): Reached(AS_OF + "test_a_commune_with_no_event_is_404"),
    ("GET", _AS_OF, "422"): Reached(AS_OF + "test_a_moment_before_the_first_event_is_a_422_problem"),
    ("GET", _AS_OF, "503"): STAFF_DOWN,
}


def documented_statuses(schema: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {
        (method.upper(), path, status)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for status in operation.get("responses", {})
    }


def _test_function(reference: str) -> Any:
    module_path, _, name = reference.partition("::")
    module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
    return getattr(module, name, None)


def test_every_documented_status_of_the_live_api_is_reached_by_a_test_or_explained(
    live_demo: LiveDemo,
) -> None:
    with live_demo.client() as http:
        schema = http.get("/openapi.json").json()
    documented = documented_statuses(schema)

    unexplained = sorted(documented - STATUSES.keys())
    no_longer_documented = sorted(STATUSES.keys() - documented)

    assert unexplained == [], "name the test that reaches each status (or explain why none can) in STATUSES"
    assert no_longer_documented == [], "these statuses are no longer documented: drop their rows"


def test_every_test_the_table_names_exists() -> None:
    references = {row.test if isinstance(row, Reached) else row.see for row in STATUSES.values()}
    missing = sorted(r for r in references if not callable(_test_function(r)) or "::test_" not in r)

    assert missing == []
