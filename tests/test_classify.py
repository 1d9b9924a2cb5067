"""The name classifier: names, headers and type names against rules/classifier.toml.

The tables are the classifier's specification: each row is (input, owner, expected
category or None). Near misses from the detection contract (`email_template`,
`ip_address_validator`, `content_type`, `user_agent_parser`, `PASSWORD_MIN_LENGTH`) and the
brief's exclusions are rows like any other.
"""

from __future__ import annotations

import pytest

from scanner.classify import Classifier, Match, bundled_pack
from scanner.errors import RulePackError
from scanner.inventory import ClassifierOverrides
from scanner.tomlpos import TomlPositions

EMAIL = "user.contact.email"
PHONE = "user.contact.phone_number"
ADDRESS = "user.contact.address"
STREET = "user.contact.address.street"
CITY = "user.contact.address.city"
STATE = "user.contact.address.state"
POSTAL = "user.contact.address.postal_code"
COUNTRY = "user.contact.address.country"
NAME = "user.name"
FIRST = "user.name.first"
LAST = "user.name.last"
USERNAME = "user.account.username"
CREDENTIALS = "user.authorization.credentials"
DOB = "user.demographic.date_of_birth"
GENDER = "user.demographic.gender"
LANGUAGE = "user.demographic.language"
IP = "user.device.ip_address"
DEVICE = "user.device"
DEVICE_ID = "user.device.device_id"
COOKIE_ID = "user.device.cookie_id"
LOCATION = "user.location"
PRECISE = "user.location.precise"
COARSE = "user.location.coarse"
FINANCIAL = "user.financial"
CARD = "user.financial.credit_card"
BANK = "user.financial.bank_account"
GOV = "user.government_id"
NATIONAL_ID = "user.government_id.national_identification_number"
PASSPORT = "user.government_id.passport_number"
LICENSE = "user.government_id.drivers_license_number"
HEALTH = "user.health_and_medical"
CONTENT = "user.content"
SELF_IMAGE = "user.content.self_image"
BEHAVIOR = "user.behavior"
BROWSING = "user.behavior.browsing_history"
SEARCH = "user.behavior.search_history"
SOCIAL_URL = "user.contact.social_url"
UNIQUE_ID = "user.unique_id"
JOB_TITLE = "user.professional_information.job_title"
WORKPLACE = "user.professional_information.workplace"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


NAMES: list[tuple[str, str | None, str | None]] = [
    # --- email: spellings, plurals, compounds
    ("email", None, EMAIL),
    # the author headers of an email message, not of a chat's message or of nothing
    ("sender", "msg", EMAIL),
    ("from", "envelope", EMAIL),
    ("reply_to", "mail", EMAIL),
    ("sender", "EmailMessage", EMAIL),
    ("sender", "message", None),
    ("sender", None, None),
    ("from", None, None),
    ("from_date", "msg", None),
    # the addresses it is sent to; not its subject, which is as often the service's own text (a
    # notification's) as the sender's (indico's `email["subject"]`)
    ("subject", "msg", None),
    ("email_to", "EmailSerializer", None),
    ("msg_to", None, EMAIL),
    ("to", "EmailSerializer", EMAIL),
    ("cc", "mail", EMAIL),
    ("bcc", "msg", EMAIL),
    ("recipients", "envelope", EMAIL),
    ("to", "message", None),
    ("cc", None, None),
    # the address a message goes to; an address of no message is where someone lives
    ("address", "mail", EMAIL),
    ("address", "msg", EMAIL),
    ("address", "message", None),
    ("Email", None, EMAIL),
    ("userEmail", None, EMAIL),
    ("user_emails", None, EMAIL),
    ("email_address", None, EMAIL),
    ("emailAddress", None, EMAIL),
    ("emailaddress", None, EMAIL),
    ("e_mail", None, EMAIL),
    # a person's send-to-eReader address; not what is mailed there
    ("kindle_mail", "User", EMAIL),
    ("kindleMail", None, EMAIL),
    ("ereader_mail", None, EMAIL),
    ("kindle_mail_subject", None, None),
    ("customer_email", None, EMAIL),
    ("billing_email", None, EMAIL),
    ("email_list", None, EMAIL),
    ("hashed_email", None, EMAIL),
    # a digest of an address or a phone number still singles the person out (Gravatar's MD5, the
    # ad platforms' SHA-256 match keys), as a digest of a credential is still one (below); a digest
    # of other data is not that data
    ("email_hash", None, EMAIL),
    ("email_digest", None, EMAIL),
    ("hashed_phone", None, PHONE),
    ("phone_hash", None, PHONE),
    ("data_hash", None, None),
    ("user_ip_hash", None, None),
    ("content_checksum", None, None),
    ("api_key_digest", None, CREDENTIALS),
    ("password_hashed", None, CREDENTIALS),
    ("verified_email", None, EMAIL),
    ("new_email", None, EMAIL),
    ("email2", None, EMAIL),
    ("mail", "User", EMAIL),
    ("mail", None, None),
    # email near misses
    ("email_template", None, None),
    ("email_verified", None, None),
    ("email_confirmed", None, None),
    ("email_backend", None, None),
    ("EMAIL_BACKEND", None, None),
    ("EMAIL_HOST", None, None),
    ("email_host", None, None),
    ("DEFAULT_FROM_EMAIL", None, None),
    ("default_from_email", None, None),
    ("from_email", None, None),
    ("support_email", None, None),
    ("noreply_email", None, None),
    ("email_subject", None, None),
    ("email_sent_at", None, None),
    ("email_changed_at", None, None),
    ("email_field", None, None),
    ("email_label", None, None),
    ("email_placeholder", None, None),
    ("email_regex", None, None),
    ("email_validator", None, None),
    ("validate_email", None, None),
    ("is_email", None, None),
    ("is_email_required", None, None),
    ("email_enabled", None, None),
    ("email_count", None, None),
    ("email_format", None, None),
    ("email_url", None, None),
    ("email_header", None, None),
    ("email_column", None, None),
    ("email_widget", None, None),
    ("email_class", None, None),
    ("email_schema", None, None),
    ("email_type", None, None),
    ("email_domain", None, None),
    ("masked_email", None, None),
    ("send_email", None, None),
    ("email_body", None, None),
    ("email", "settings", None),
    ("email", "AppConfig", None),
    ("email", "UserSettings", EMAIL),
    # --- phone
    ("phone", None, PHONE),
    ("phone_number", None, PHONE),
    ("phoneNumber", None, PHONE),
    ("phonenumber", None, PHONE),
    ("phone_no", None, PHONE),
    ("mobile", None, PHONE),
    ("mobile_number", None, PHONE),
    ("telephone", None, PHONE),
    ("cell_phone", None, PHONE),
    ("contact_number", None, PHONE),
    ("home_phone", None, PHONE),
    ("phones", None, PHONE),
    ("tel", "Customer", PHONE),
    ("tel", None, None),
    ("phone_verified", None, None),
    ("phone_confirmed", None, None),
    ("phone_number_field", None, None),
    ("format_phone", None, None),
    ("support_phone", None, None),
    ("is_mobile", None, None),
    ("mobile_app", None, None),
    # --- addresses
    ("address", "User", ADDRESS),
    ("address", "Customer", ADDRESS),
    ("address", None, None),
    ("address", "Warehouse", None),
    ("home_address", None, ADDRESS),
    ("shipping_address", None, ADDRESS),
    ("billing_address", None, ADDRESS),
    ("customer_address", None, ADDRESS),
    ("work_address", "Employee", ADDRESS),
    ("mailing_address", None, "user.contact.address.mailing_address"),
    ("billing_address_line1", None, STREET),
    ("address_line1", None, STREET),
    ("addressLine2", None, STREET),
    ("address1", None, STREET),
    ("street", None, STREET),
    ("street_address", None, STREET),
    ("line1", "Address", STREET),
    ("city", "User", CITY),
    ("city", "ShippingAddress", CITY),
    ("billing_city", None, CITY),
    ("city", None, None),
    ("city", "Store", None),
    ("state", "Address", STATE),
    ("shipping_state", None, STATE),
    ("state", "User", None),
    ("state", None, None),
    ("zipcode", None, POSTAL),
    ("zip_code", None, POSTAL),
    ("postal_code", None, POSTAL),
    ("postcode", None, POSTAL),
    ("post_code", "UserProfile", POSTAL),
    ("zip", "Address", POSTAL),
    ("zip", None, None),
    ("country", "Customer", COUNTRY),
    ("billing_country", None, COUNTRY),
    ("country", None, None),
    ("country", "Product", None),
    ("ip_address", None, IP),
    ("mac_address", None, DEVICE_ID),
    ("wallet_address", "User", None),
    ("server_address", None, None),
    # --- names
    ("first_name", None, FIRST),
    ("firstName", None, FIRST),
    ("firstname", None, FIRST),
    ("first-name", None, FIRST),
    ("given_name", None, FIRST),
    ("last_name", None, LAST),
    ("lastName", None, LAST),
    ("surname", None, LAST),
    ("family_name", None, LAST),
    ("full_name", None, NAME),
    ("fullName", None, NAME),
    ("get_full_name", "user", NAME),
    ("name", "User", NAME),
    ("name", "UserProfile", NAME),
    ("name", "UserProfileSerializer", NAME),
    ("name", "user_dict", NAME),  # a dict holding a user's record (CKAN's action results)
    ("name", "package_dict", None),
    ("name", "customer", NAME),
    ("name", "request.user", NAME),
    ("name", "ContactForm", NAME),
    ("name", "Product", None),
    ("name", "ProductSerializer", None),
    ("name", "UserGroup", None),
    ("name", "member", None),
    ("name", "visitor", None),
    ("__name__", "owner", None),
    ("client_name", None, None),
    ("name", None, None),
    ("customer_name", None, NAME),
    ("author_name", None, NAME),
    ("display_name", "User", NAME),
    ("display_name", None, None),
    ("display_name", "request", NAME),
    ("name", "request", None),
    ("id", "request", None),
    ("company_name", "User", WORKPLACE),
    ("company_name", None, None),
    ("file_name", "User", None),
    ("product_name", None, None),
    ("template_name", None, None),
    ("nickname", None, NAME),
    # --- accounts
    ("username", None, USERNAME),
    ("user_name", None, USERNAME),
    ("userName", None, USERNAME),
    ("usernames", None, USERNAME),
    ("login", "User", USERNAME),
    ("login", None, None),
    ("handle", "Author", USERNAME),
    ("handle", None, None),
    ("username_field", None, None),
    ("USERNAME_FIELD", None, None),
    ("username_max_length", None, None),
    ("last_login", "User", None),
    # --- credentials
    ("password", None, CREDENTIALS),
    ("passwd", None, CREDENTIALS),
    ("pwd", None, CREDENTIALS),
    ("new_password", None, CREDENTIALS),
    ("password1", None, CREDENTIALS),
    ("password_confirm", None, CREDENTIALS),
    ("password_hash", None, CREDENTIALS),
    ("hashed_password", None, CREDENTIALS),
    ("api_key", None, CREDENTIALS),
    ("apiKey", None, CREDENTIALS),
    ("access_token", None, CREDENTIALS),
    ("refresh_token", None, CREDENTIALS),
    ("id_token", None, CREDENTIALS),
    ("oauth_token", None, CREDENTIALS),
    ("token", None, CREDENTIALS),
    ("token", "self", CREDENTIALS),
    ("new_token", None, CREDENTIALS),
    ("bot_token", None, CREDENTIALS),
    ("user_token", None, CREDENTIALS),
    ("reset_token", None, CREDENTIALS),
    ("comma_token", None, None),
    ("progress_token", None, None),
    ("PythonToken", None, None),
    ("add_token", "state", None),
    ("secret", None, CREDENTIALS),
    ("webhook_secret", None, CREDENTIALS),
    ("run_secrets", None, None),
    ("email_verification_token", None, CREDENTIALS),
    ("session_id", None, CREDENTIALS),
    ("sessionid", None, CREDENTIALS),
    ("session_key", None, CREDENTIALS),
    # a server-side session's own id (`session.sid`), and the session id abbreviated
    ("sid", "session", CREDENTIALS),
    ("session_sid", None, CREDENTIALS),
    ("sess_id", None, CREDENTIALS),
    ("sid", None, None),
    ("account_sid", None, None),
    ("sid", "account", None),
    ("otp", None, CREDENTIALS),
    ("totp_secret", None, CREDENTIALS),
    ("mfa_code", None, CREDENTIALS),
    ("client_secret", None, CREDENTIALS),
    ("credentials", None, CREDENTIALS),
    ("PASSWORD_MIN_LENGTH", None, None),
    ("password_min_length", None, None),
    ("min_password_length", None, None),
    ("password_validators", None, None),
    ("AUTH_PASSWORD_VALIDATORS", None, None),
    ("password_changed_at", None, None),
    ("password_reset_timeout", None, None),
    ("password_policy", None, None),
    ("reset_password", None, None),
    ("require_password", None, None),
    ("has_usable_password", None, None),
    ("SECRET_KEY", None, None),
    ("API_KEY", None, None),
    ("tokens", None, None),
    ("prompt_tokens", None, None),
    ("max_tokens", None, None),
    ("input_tokens", None, None),
    ("csrf_token", None, None),
    ("token_count", None, None),
    ("session", None, None),
    # --- demographics
    ("dob", None, DOB),
    ("DOB", None, None),
    ("birthday", None, DOB),
    ("birth_date", None, DOB),
    ("birthDate", None, DOB),
    ("date_of_birth", None, DOB),
    ("date_birth", None, DOB),
    ("dateOfBirth", None, DOB),
    ("age", "Patient", DOB),
    ("user_age", None, DOB),
    ("age", None, None),
    ("max_age", None, None),
    ("max_age", "User", None),
    ("cookie_max_age", None, None),
    ("gender", None, GENDER),
    ("sex", None, GENDER),
    ("pronouns", None, GENDER),
    ("language", "User", LANGUAGE),
    ("preferred_language", "User", LANGUAGE),
    ("preferred_language", None, LANGUAGE),
    ("language", None, None),
    ("language", "Article", None),
    ("title", "Employee", JOB_TITLE),
    ("job_title", None, JOB_TITLE),
    ("title", "Product", None),
    # --- device and network
    ("ip", None, IP),
    ("ips", None, IP),
    ("ipAddr", None, IP),
    ("ipaddr", None, IP),
    ("ip_addr", None, IP),
    ("client_ip", None, IP),
    ("client_addr", None, IP),
    ("get_client_addr", None, IP),
    ("remote_addr", None, IP),
    ("x_forwarded_for", None, IP),
    ("real_ip", None, IP),
    ("user_ip", None, IP),
    ("last_login_ip", None, IP),
    ("host", "client", IP),
    ("host", "db", None),
    # a connection's session: its address is the client's (evennia's `session.address`)
    ("address", "session", IP),
    ("session_address", None, IP),
    ("address", "SessionHandler", None),
    ("address", "customer", "user.contact.address"),
    ("ip_address_validator", None, None),
    ("ip_version", None, None),
    ("server_ip", None, None),
    ("trusted_ips", None, None),
    ("bind_ip", None, None),
    ("anonymize_ip", None, None),
    ("user_agent", None, DEVICE),
    ("userAgent", None, DEVICE),
    ("useragent", None, DEVICE),
    ("ua", None, DEVICE),
    ("user_agent_string", None, DEVICE),
    ("device_model", None, DEVICE),
    ("os_version", None, DEVICE),
    ("browser", None, DEVICE),
    ("browser_name", None, DEVICE),
    ("screen_resolution", None, DEVICE),
    ("accept_language", None, DEVICE),
    ("platform", "user_agent", DEVICE),
    ("language", "user_agent", DEVICE),
    ("device", "User", DEVICE),
    ("device", None, None),
    ("device_name", None, None),
    ("cuda_device", None, None),
    ("user_agent_parser", None, None),
    ("ua_parser", None, None),
    ("parse_user_agent", None, None),
    ("device_id", None, DEVICE_ID),
    ("deviceId", None, DEVICE_ID),
    ("idfa", None, DEVICE_ID),
    ("gaid", None, DEVICE_ID),
    ("advertising_id", None, DEVICE_ID),
    ("fingerprint", None, DEVICE_ID),
    ("device_fingerprint", None, DEVICE_ID),
    ("install_id", None, DEVICE_ID),
    ("push_token", None, DEVICE_ID),
    ("ssh_key_fingerprint", None, None),
    ("cert_fingerprint", None, None),
    ("cookie_id", None, COOKIE_ID),
    ("anonymous_id", None, COOKIE_ID),
    ("anonymousId", None, COOKIE_ID),
    # --- location
    ("latitude", None, PRECISE),
    ("longitude", None, PRECISE),
    ("lat", "User", PRECISE),
    ("lng", "location", PRECISE),
    ("lat", None, None),
    ("coordinates", None, PRECISE),
    ("gps", None, PRECISE),
    ("geolocation", None, LOCATION),
    ("geo", None, LOCATION),
    ("location", "User", LOCATION),
    ("user_location", None, LOCATION),
    ("location", None, None),
    ("location", "Event", None),
    ("timezone", "User", COARSE),
    ("time_zone", "UserProfile", COARSE),
    ("timezone", None, None),
    ("TIME_ZONE", None, None),
    ("ip_country", None, COARSE),
    ("city", "geoip", COARSE),
    ("min_latitude", None, None),
    # --- financial and government
    ("card_number", None, CARD),
    ("cardNumber", None, CARD),
    ("credit_card", None, CARD),
    ("cc_number", None, CARD),
    ("cvv", None, CARD),
    ("cvc", None, CARD),
    ("sim_card_number", None, None),
    ("iban", None, BANK),
    ("bank_account", None, BANK),
    ("bank_account_number", None, BANK),
    ("account_number", None, BANK),
    ("routing_number", None, BANK),
    ("billing", None, FINANCIAL),
    ("billing_details", None, FINANCIAL),
    ("billing_cycle", None, None),
    ("salary", None, FINANCIAL),
    ("ssn", None, NATIONAL_ID),
    ("social_security_number", None, NATIONAL_ID),
    ("national_id", None, NATIONAL_ID),
    ("passport", None, PASSPORT),
    ("passport_number", None, PASSPORT),
    ("passportNo", None, PASSPORT),
    ("tax_id", None, GOV),
    ("drivers_license", None, LICENSE),
    ("driver_license_number", None, LICENSE),
    ("driving_licence", None, LICENSE),
    ("vat_id", None, None),
    # --- health
    ("diagnosis", None, HEALTH),
    ("diagnoses", None, HEALTH),
    ("medication", None, HEALTH),
    ("medications", None, HEALTH),
    ("medical_history", None, HEALTH),
    ("medical_record", None, HEALTH),
    ("health_record", None, HEALTH),
    ("allergies", None, HEALTH),
    ("blood_type", None, HEALTH),
    ("condition", "Patient", HEALTH),
    ("condition", None, None),
    ("health", None, None),
    ("health_check", None, None),
    ("health_status", None, None),
    # --- content
    ("prompt", None, CONTENT),
    ("prompts", None, CONTENT),
    ("user_prompt", None, CONTENT),
    ("prompt_text", None, CONTENT),
    ("system_prompt", None, None),
    ("confirmation_prompt", None, None),
    ("prompt_template", None, None),
    ("user_message", None, CONTENT),
    ("chat_message", None, CONTENT),
    ("chat_messages", None, CONTENT),
    ("chat_history", None, CONTENT),
    ("conversation_history", None, CONTENT),
    ("messages", "conversation", CONTENT),
    ("message", "ChatRequest", CONTENT),
    ("message", "ContactForm", CONTENT),
    ("message", "request", CONTENT),
    ("comment", "request", CONTENT),
    ("text", "payload", CONTENT),
    # a named entity found in a memory's or a message's text (`entity_text`): a name, a place
    ("entity_text", "Memory", CONTENT),
    ("entity_text", "AsyncMemory", CONTENT),
    ("entity_text", "SchemaMigrator", None),
    ("entity_text", None, None),
    ("messages", None, None),
    ("message", None, None),
    ("error_message", None, None),
    ("message_id", None, None),
    ("message_id", "Chat", None),
    ("commit_message", None, None),
    ("text", "Comment", CONTENT),
    ("body", "Post", CONTENT),
    ("content", "Message", CONTENT),
    ("title", "Post", CONTENT),
    ("comment", "User", CONTENT),
    ("comments", "Post", CONTENT),
    ("comment_text", None, CONTENT),
    ("comment", None, None),
    ("text", None, None),
    ("body", None, None),
    ("content", None, None),
    ("content_type", None, None),
    ("content_length", None, None),
    ("content_encoding", None, None),
    ("content_type", "request", None),
    ("feedback", None, CONTENT),
    ("bio", "UserProfile", CONTENT),
    ("author_bio", None, CONTENT),
    ("bio", None, None),
    ("MemoryBIO", "ssl", None),
    ("_read_bio", "self", None),
    ("transcript", None, CONTENT),
    ("attachment", None, CONTENT),
    ("attachments", None, CONTENT),
    ("upload", None, CONTENT),
    ("uploaded_file", None, CONTENT),
    ("upload_to", None, None),
    ("file", "User", CONTENT),
    ("file", None, None),
    ("user_input", None, CONTENT),
    ("input", None, None),
    ("user_query", None, CONTENT),
    ("form_data", None, CONTENT),
    ("request_body", None, CONTENT),
    ("body", "request", CONTENT),
    ("data", "request", CONTENT),
    ("query_params", "request", None),
    ("value", "payload", None),
    ("data", "payload", None),
    ("body", "body", None),
    ("handle_post_message", "sse", None),
    ("image", "Post", CONTENT),
    ("image", "User", SELF_IMAGE),
    ("avatar", None, SELF_IMAGE),
    ("profile_picture", None, SELF_IMAGE),
    ("avatar_url", "User", SELF_IMAGE),
    ("image", "Product", None),
    ("image", None, None),
    ("default_avatar", None, None),
    # --- behaviour
    ("page_views", None, BROWSING),
    ("pageview", None, BROWSING),
    ("browsing_history", None, BROWSING),
    ("referrer", None, BROWSING),
    ("referer_url", None, BROWSING),
    ("referrer_policy", None, None),
    ("search_query", None, SEARCH),
    ("searchTerm", None, SEARCH),
    ("events", "analytics", BEHAVIOR),
    ("user_events", None, BEHAVIOR),
    ("clicks", "User", BEHAVIOR),
    ("click_event", None, BEHAVIOR),
    # a product's telemetry is its users' usage records; its settings are not
    ("telemetry", "state", BEHAVIOR),
    ("telemetry_events", None, BEHAVIOR),
    ("telemetry_server", "constants", None),
    ("telemetry_disabled", "state", None),
    ("disable_telemetry", None, None),
    ("opentelemetry", None, None),
    ("events", None, None),
    ("on_click", None, None),
    ("query", None, None),
    ("query", "request", BEHAVIOR),
    ("q", "request", BEHAVIOR),
    ("caption", "request", CONTENT),
    ("caption", None, None),
    # --- unique ids
    ("user_id", None, UNIQUE_ID),
    ("userId", None, UNIQUE_ID),
    ("userid", None, UNIQUE_ID),
    ("user_ids", None, UNIQUE_ID),
    ("customer_id", None, UNIQUE_ID),
    ("member_id", None, UNIQUE_ID),
    ("account_id", None, UNIQUE_ID),
    ("distinct_id", None, UNIQUE_ID),
    ("distinctId", None, UNIQUE_ID),
    ("id", "User", UNIQUE_ID),
    ("id", "request.user", UNIQUE_ID),
    ("pk", "customer", UNIQUE_ID),
    ("uuid", "UserProfile", UNIQUE_ID),
    ("external_id", "Customer", UNIQUE_ID),
    ("id", "Product", None),
    ("id", None, None),
    ("uid", None, None),
    ("uuid", None, None),
    ("client_id", None, None),
    ("parent_id", None, None),
    ("worker_id", None, None),
    ("visitor_id", None, COOKIE_ID),
    ("oauth_client_id", None, None),
    ("aws_account_id", None, None),
    ("request_id", None, None),
    ("group_id", "User", None),
    ("registration_id", None, None),
    # --- what a field holds, by its owner or its last word
    ("id_token_hint", None, CREDENTIALS),
    # OIDC's login hint is no credential: the login identifier a client pre-fills, an e-mail address
    ("login_hint", None, "user.contact.email"),
    ("password_hint", None, None),
    ("hash", "Token", CREDENTIALS),
    ("hashed", "APIToken", CREDENTIALS),
    ("hashed", "Commit", None),
    ("hashed", None, None),
    ("note", "APIToken", CONTENT),
    ("note", "Release", None),
    ("note", None, None),
    ("hash", "ApiKey", None),
    ("email_hash", "Token", EMAIL),
    ("code_hash", None, None),
    ("hash", "Commit", None),
    ("content_hash", "Token", None),
    ("ip_chain", None, IP),
    ("ip_hops", None, IP),
    ("forwarded_hops", None, None),
    ("proxy_chain", None, None),
    ("title", "TopicWhoosheer", CONTENT),
    ("title", "ProductWhoosheer", None),
    ("title", "PostIndexer", CONTENT),
    # a request model's fields are keys of the body the request sends
    ("input_value", "SimplifiedAPIRequest", CONTENT),
    ("input_value", "SimplifiedAPIResponse", None),
    ("input_value", "FlowRun", None),
    ("client", "MCPInstallRequest", None),
    # a submitted `client` names the app a request comes from (web, desktop, an OAuth client); the
    # request object's own `client` (Starlette's peer address) is the frameworks pack's
    ("client", "request", None),
    # a reason given in a person's words: of a report or appeal, or submitted
    ("reason", "Report", CONTENT),
    ("reason", "ReportForm", CONTENT),
    ("reason", "request", CONTENT),
    ("report_reason", None, CONTENT),
    ("reason", None, None),
    ("reason", "Exception", None),
    ("failure_reason", "Payment", None),
    # a manager's reason for refusing, banning or blocking a person, in their words
    ("rejection_reason", "Registration", CONTENT),
    ("ban_reason", "User", CONTENT),
    ("suspension_reason", None, CONTENT),
    ("cancellation_reason", "Subscription", None),
    ("rejection_reason_code", "Registration", None),
    ("title", "Report", CONTENT),
    # the session of a chat message or conversation is the conversation
    ("session_id", "MessageBase", None),
    ("session_id", "ChatMessage", None),
    ("chat_session_id", None, None),
    ("session_id", "User", CREDENTIALS),
    ("auth_session_id", "Message", CREDENTIALS),
    # --- generic words and oddities
    ("user", None, None),
    ("users", None, None),
    ("data", None, None),
    ("value", None, None),
    ("", None, None),
    ("_", None, None),
    ("__init__", None, None),
    ("x", None, None),
    # --- khoj: accounts of programs, subjects at identity providers, per-person tokens, locations
    ("name", "KhojApiUser", None),
    ("name", "ServiceAccount", None),
    ("name", "BotUser", None),
    ("name", "SystemUser", None),
    ("name", "GoogleUser", NAME),
    ("sub", "GoogleUser", UNIQUE_ID),
    ("sub", None, None),
    ("sub", "Subscription", None),
    # a person's id at the identity provider they sign in with, kept under its name (R2R's User)
    ("google_id", "User", UNIQUE_ID),
    ("github_id", "User", UNIQUE_ID),
    ("google_id", "Place", None),
    ("github_id", "Repository", None),
    ("pat_token", None, CREDENTIALS),
    ("pat_count", None, None),
    ("conversation_log", "PublicConversation", CONTENT),
    ("conversation_id", None, None),
    ("timezone", "address", COARSE),
    # a timezone a person submits in a body (a sign-up or preferences body: owner "json") is
    # theirs; a query's (owner "request") is a filter, an event's is the event's
    ("timezone", "request", None),
    ("timezone", "json", COARSE),
    ("timezone", "Event", None),
    # a person's bio and free-text location, also as keys of a body they submit
    ("bio", "request", CONTENT),
    ("location", "request", LOCATION),
    ("location", "Response", None),
    # a new address kept until it is confirmed
    ("email_to_confirm", "User", EMAIL),
    ("email_to_verify", None, EMAIL),
    ("email_to", None, None),
    # vital signs: heart rate; `hr` only after a statistic's word (an hour, HR otherwise)
    ("max_hr", "Workout", HEALTH),
    ("ave_hr", "WorkoutSegment", HEALTH),
    ("avg_hr", None, HEALTH),
    ("heart_rate", None, HEALTH),
    ("max_heart_rate", None, HEALTH),
    ("blood_pressure", "Patient", HEALTH),
    ("hr", None, None),
    ("max_hours", None, None),
    ("hr_manager", None, None),
    ("heart_rate_zone", None, None),
    # what a person writes on a workout they record; its measures are not personal by name
    ("title", "Workout", CONTENT),
    ("notes", "Workout", CONTENT),
    ("description", "Workout", CONTENT),
    ("distance", "Workout", None),
    ("name", "Sport", None),
    # body measures of a person (a profile's height, a BMI calculator's weight); not an image's height
    # or a sort weight, nor a person's bare weight (their share of a split bill), nor the unit they pick
    ("height", "UserProfile", HEALTH),
    ("weight", "BmiForm", HEALTH),
    ("weight", "Patient", HEALTH),
    ("weight", "Member", None),
    ("weight", "user", None),
    ("body_weight", None, HEALTH),
    ("bmi", None, HEALTH),
    ("height", "Image", None),
    ("weight", "Thread", None),
    ("weight", None, None),
    ("weight_unit", "UserProfile", None),
    # how to reach a person, typed into a form or a body they send; not a stored contact record's
    ("contact", "FeedbackForm", "user.contact"),
    ("contact", "request", "user.contact"),
    ("contact_info", "json", "user.contact"),
    ("contact", "Ticket", None),
    ("contact", None, None),
    ("contact_type", "request", None),
]


def test_a_measure_a_persons_own_row_records_is_of_their_body(classifier: Classifier) -> None:
    found = classifier.measured_name("weight")
    assert found is not None and found.category == HEALTH
    assert classifier.measured_name("entry") is None


@pytest.mark.parametrize(("identifier", "owner", "expected"), NAMES)
def test_name(classifier: Classifier, identifier: str, owner: str | None, expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found else None) == expected, found


def test_the_table_is_large_and_has_no_duplicate_rows() -> None:
    assert len(NAMES) >= 150
    rows = [(identifier, owner) for identifier, owner, _ in NAMES]
    assert len(rows) == len(set(rows))


# The vocabulary of web apps' models, forms, serializers and request keys (shops, ticketing,
# events, payments, 2FA), each with the near misses that must stay out.
WEB_APP_VOCABULARY: list[tuple[str, str | None, str | None]] = [
    # --- an invoice names the address it is billed to; its state is a status, its lines items
    ("invoice_address", None, ADDRESS),
    ("invoice_city", None, CITY),
    ("invoice_zipcode", None, POSTAL),
    ("invoice_country", None, COUNTRY),
    ("country", "Invoice", COUNTRY),
    ("state", "Invoice", None),
    ("invoice_state", None, None),
    ("lines", "Invoice", None),
    ("name", "Invoice", None),
    # --- address parts in more spellings
    ("addr1", None, STREET),
    ("addr2", None, STREET),
    ("street_line1", None, STREET),
    ("suite", "Address", STREET),
    ("unit", "ShippingAddress", STREET),
    ("suite", None, None),
    ("unit", "Product", None),
    ("country_iso", "Address", COUNTRY),
    ("country_name", "User", COUNTRY),
    ("country_name", None, None),
    ("country_code", "Product", None),
    ("city", "request", CITY),
    ("zip", "payload", None),
    ("zipcode", "request", POSTAL),
    ("city", "Event", None),
    ("zip", None, None),
    ("country", "request", None),
    ("company", "InvoiceAddress", WORKPLACE),
    ("company_name", "BillingAddress", WORKPLACE),
    ("company", "Product", None),
    ("country", "Organizer", None),
    ("country", "Event", None),
    ("region", "Bucket", None),
    ("state", "Order", None),
    # --- a name kept in parts, and the words around a name
    ("name_parts", "InvoiceAddress", NAME),
    ("attendee_name_parts", None, NAME),
    ("name_parts", None, None),
    ("name_cached", "InvoiceAddress", NAME),
    ("email_cached", None, EMAIL),
    ("salutation", None, NAME),
    ("honorific", "Attendee", NAME),
    ("name_prefix", "Customer", NAME),
    ("name_prefix", None, None),
    ("calling_name", None, NAME),
    ("cardholder", None, NAME),
    ("card_holder", None, NAME),
    ("title", "Post", CONTENT),
    ("title", "Event", None),
    ("lang", "User", LANGUAGE),
    ("lang", "Template", None),
    ("language", "Template", None),
    # --- people of events and shops as owners
    ("name", "Speaker", NAME),
    ("bio", "Speaker", CONTENT),
    ("email", "Invitee", EMAIL),
    ("purchaser_name", None, NAME),
    ("name", "Organizer", None),
    ("name", "Member", None),
    # --- VAT ids: a buyer's or an invoice address's, not a seller's and not bare
    ("vat_id", "InvoiceAddress", GOV),
    ("customer_vat_id", None, GOV),
    ("vatin", "Customer", GOV),
    ("vat_number", "BillingAddress", GOV),
    ("seller_vat_id", None, None),
    ("vat_id", "Organizer", None),
    ("vat_id_validated", "InvoiceAddress", None),
    # --- bank details
    ("bic", None, BANK),
    ("swift_bic", None, BANK),
    ("bank_name", None, BANK),
    ("bank_code", None, BANK),
    ("account_holder", None, BANK),
    ("aws_account_number", None, None),
    # --- what a payment provider says about a stored card
    ("last4", "Card", CARD),
    ("card_last4", None, CARD),
    ("brand", "Card", CARD),
    ("card_brand", None, CARD),
    ("exp_month", "Card", CARD),
    ("exp_year", "CreditCard", CARD),
    ("expiry", "Card", CARD),
    ("ccv", None, CARD),
    ("brand", "Product", None),
    ("last4", None, None),
    ("gift_card_brand", None, None),
    ("expiry", "Token", None),
    ("exp_month", None, None),
    # --- second factors and passkeys
    ("two_factor_secret", None, CREDENTIALS),
    ("static_token", None, CREDENTIALS),
    ("passkey", None, CREDENTIALS),
    ("attestation_object", None, CREDENTIALS),
    ("authenticator_data", None, CREDENTIALS),
    ("factor_count", None, None),
    ("code", None, None),
    ("code", "Voucher", None),
    ("code", "request", None),
    # --- push registration ids of a device
    ("registration_id", "Device", DEVICE_ID),
    ("registration_id", "Organizer", None),
    # --- password forms: the current value checked, short names
    ("password_current", "ChangePasswordForm", CREDENTIALS),
    ("old_pw", "UserPasswordChangeForm", CREDENTIALS),
    ("new_pw_repeat", None, CREDENTIALS),
    ("pw_equal", None, None),
    ("pw_current_wrong", None, None),
    # `pass` posted, or a person's (a first-run wizard's `pass1`/`pass2`); a compiler's or test's elsewhere
    ("pass1", "request", CREDENTIALS),
    ("pass2", "json", CREDENTIALS),
    ("user_pass", None, CREDENTIALS),
    ("pass1", None, None),
    ("passes", None, None),
    ("second_pass", "request", None),
    ("bypass", "request", None),
    # --- the id a person is known by
    ("identifier", "Customer", UNIQUE_ID),
    ("external_identifier", "Customer", UNIQUE_ID),
    ("identifier", None, None),
    ("identifier", "Question", None),
    ("identifier_key", "Identity", UNIQUE_ID),
    ("identifier_key", "IdentityCreate", UNIQUE_ID),
    ("identifier_key", "Lookup", None),
    ("identifier_key", None, None),
    # --- a request model that creates or updates a record reads as the record
    ("name", "IdentityUpsert", NAME),
    ("email", "UserPatch", EMAIL),
    ("name", "Patch", None),
    ("name", "PatchSet", None),
    # --- what a person answers; a holder of an account or card; a debit's stored card
    ("answer", "QuestionAnswer", CONTENT),
    ("answers", "AttendeeProfile", CONTENT),
    ("answer", None, None),
    ("answer", "Challenge", None),
    ("holder_city", None, CITY),
    ("country", "holder", COUNTRY),
    ("stripe_sepa_debit_last4", None, CARD),
    # --- a client of a service handles its records
    ("messages", "MemoryClient", CONTENT),
    ("name", "UserClient", NAME),
    ("messages", "HttpClient", None),
    # --- a profile's free text; what is typed into a sign-in box
    ("about", "User", CONTENT),
    ("about", None, None),
    ("about", "Project", None),
    ("login", "request", USERNAME),
    ("login_url", "request", None),
    # --- an OAuth grant's code
    ("code", "CustomerSSOGrant", CREDENTIALS),
    ("grant_code", None, CREDENTIALS),
    # --- a CAS service ticket read by a step of signing in; a helpdesk's ticket is none
    ("ticket", "auth", CREDENTIALS),
    ("ticket", "oauth", CREDENTIALS),
    ("login_ticket", None, CREDENTIALS),
    ("ticket", None, None),
    ("ticket", "request", None),
    ("ticket", "Queue", None),
    ("owner_ticket", None, None),
    # --- an LDAP user's distinguished name holds the login; the directory's own DNs do not
    ("user_dn", None, USERNAME),
    ("userDn", None, USERNAME),
    ("dn", None, None),
    ("base_dn", None, None),
    ("bind_dn", None, None),
    ("user_dn_template", None, None),
    # --- the login name of a person's account on a computer, whoever holds it
    ("desktop_login", None, USERNAME),
    ("desktop_login", "Person", USERNAME),
    ("email_or_desktop_login", None, USERNAME),
    ("windows_login", None, USERNAME),
    ("desktop_login_enabled", None, None),
    ("desktop_login_url", None, None),
    # --- the subject of an identity provider's assertions is the person's id there
    ("oidc_subject", "Person", UNIQUE_ID),
    ("saml_subject", None, UNIQUE_ID),
    ("oidc_subject_claim", None, None),
    ("subject", "Person", None),
    # --- a browser's response to a WebAuthn/FIDO challenge, an identity provider's SAML response
    ("fido_authentication_response", "LoginSchema", CREDENTIALS),
    ("webauthn_registration_response", None, CREDENTIALS),
    ("registration_response", "WebauthnRegistration", CREDENTIALS),
    ("SAMLResponse", "request", CREDENTIALS),
    ("authentication_response", None, None),
    ("registration_response", "SignupResult", None),
    ("saml_response_url", None, None),
    # --- a chat network's user ids (Matrix's `mxid`, Telegram's `tgid`) of a person, a bridge's puppet
    ("mxid", "User", UNIQUE_ID),
    ("mxid", "AbstractUser", UNIQUE_ID),
    ("sender_mxid", None, UNIQUE_ID),
    ("user_mxid", "Backfill", UNIQUE_ID),
    ("tgid", "sender", UNIQUE_ID),
    ("tg_id", "user", UNIQUE_ID),
    ("tgid", "Puppet", UNIQUE_ID),
    ("matrix_user_id", None, UNIQUE_ID),
    ("mxid", "Portal", None),
    ("mxid", "message", None),
    ("tgid", "Portal", None),
    ("mxid", None, None),
    ("custom_mxid", "Puppet", None),
    ("mxid_template", "Puppet", None),
    # a participation stands for one person taking part (ephios's placeholder participant, added
    # without an account): its display name is theirs; a participation's own attributes are not
    ("display_name", "PlaceholderParticipation", "user.name"),
    ("email", "Participation", "user.contact.email"),
    ("state", "Participation", None),
    ("display_name", "ShiftParticipationReport", None),
    # a person's login device (zenml's OAuth device flow): its machine's name, where its IP was
    # looked up, the user code that approved it; a server's host or region, a speaker's code are not
    ("hostname", "OAuthDeviceSchema", "user.device"),
    ("device_hostname", None, "user.device"),
    ("city", "OAuthDeviceSchema", "user.location.coarse"),
    ("region", "Device", "user.location.coarse"),
    ("country", "LoginDevice", "user.location.coarse"),
    ("user_code", "OAuthDeviceSchema", CREDENTIALS),
    ("user_code", "OAuthDeviceVerificationRequest", CREDENTIALS),
    ("hostname", "Server", None),
    ("hostname", None, None),
    ("region", "Server", None),
    ("user_code", "TeamMemberRemoveSerializer", None),
    ("user_code", "Speaker", None),
    ("user_code", None, None),
    # a person's name or their record's id (`user_name_or_id`): what the name part says; another
    # record's name or id, or a prefix beside an id, is no person's
    ("user_name_or_id", None, "user.account.username"),
    ("username_or_id", None, "user.account.username"),
    ("email_or_uuid", None, "user.contact.email"),
    ("name_or_id", None, None),
    ("stack_name_or_id", None, None),
    ("name_id_or_prefix", None, None),
    ("user_name_or_prefix", None, None),
]


@pytest.mark.parametrize(("identifier", "owner", "expected"), WEB_APP_VOCABULARY)
def test_web_app_vocabulary(classifier: Classifier, identifier: str, owner: str | None, expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found else None) == expected, found


def test_the_web_app_table_has_no_duplicate_rows() -> None:
    rows = [(identifier, owner) for identifier, owner, _ in WEB_APP_VOCABULARY]
    assert len(rows) == len(set(rows))


# Words whose meaning is their owner's: what a person writes, the key of a credential record,
# the login typed into a sign-in form. Owners named for the field (`ChatTitleForm.title`,
# `UserStatus.status_message`, `ApiKey.key`) are read as what comes before the field's name, and
# a form's fields are keys of the body a person submits.
OWNED_VOCABULARY: list[tuple[str, str | None, str | None]] = [
    # --- the conversation and what is written about it
    ("chat", "Chat", CONTENT),
    ("chat", "ChatForm", CONTENT),
    ("chat", "payload", CONTENT),
    ("conversation", "request", CONTENT),
    ("summary", "Chat", CONTENT),
    ("summary", "Ticket", CONTENT),
    ("chat", None, None),
    ("chat", "Message", CONTENT),
    ("group_chat", "Message", None),
    ("chat_id", "Message", None),
    ("summary", None, None),
    ("summary", "Product", None),
    ("summary", "request", None),
    ("conversation", "Settings", None),
    # --- an assistant's memory of a person
    ("content", "Memory", CONTENT),
    ("content", "MemoryModel", CONTENT),
    ("session_id", "MemoryBase", None),
    ("total", "Memory", None),
    # --- an owner named for the field holds one thing of what comes before it
    ("title", "ChatTitleForm", CONTENT),
    ("title", "EventTitleForm", None),
    ("name", "CustomerNameUpdate", NAME),
    ("name", "ProductNameUpdate", None),
    ("title", "Title", None),
    # ... and a class named for its field holds that field, read as one name
    ("address", "IPAddress", IP),
    ("address", "EmailAddress", EMAIL),
    ("address", "MacAddress", DEVICE_ID),
    ("address", "BillingAddress", ADDRESS),
    ("address_line1", "ShippingAddress", STREET),
    ("number", "PhoneNumber", PHONE),
    ("token", "DeviceToken", DEVICE_ID),
    ("id", "TaxId", GOV),
    ("session_id", "MemoryBaseSessionBase", None),
    ("address", "ServerAddress", None),
    ("number", "OrderNumber", None),
    ("group_id", "UserGroup", None),
    # --- a form's fields are keys of the submitted body; a payload is as often sent out
    ("content", "ContentForm", CONTENT),
    ("content", "ContentPayload", None),
    ("message", "ContactForm", CONTENT),
    ("content", "Content", None),
    ("display_name", "DeploymentCreatePayload", None),
    # --- a status a person writes on their profile
    ("status_message", "User", CONTENT),
    ("status_message", "UserStatus", CONTENT),
    ("status_text", "Profile", CONTENT),
    ("status_message", "Job", None),
    ("status_message", "Response", None),
    ("status_message", None, None),
    # --- the text of a post, as a reply's or a thread's field; not a post of a person or no owner
    ("post", "ReplySerializer", CONTENT),
    ("post", "ThreadForm", CONTENT),
    ("post", "User", None),
    ("post", "PostLike", None),
    ("post", None, None),
    # --- a profile's banner or cover picture
    ("profile_banner_image_url", "User", CONTENT),
    ("banner", "Profile", CONTENT),
    ("cover_photo", "User", CONTENT),
    ("banner", "Site", None),
    ("banner_image_url", None, None),
    # --- the key of a credential record
    ("key", "ApiKey", CREDENTIALS),
    ("key", "AccessKey", CREDENTIALS),
    ("key", "Credential", CREDENTIALS),
    ("auth_key", None, CREDENTIALS),
    ("key", "TokenInfo", None),
    ("key", "Secret", None),
    ("key", "Setting", None),
    ("key", None, None),
    ("email_key", None, None),
    ("cache_key", None, None),
    ("hash", "ApiKey", None),
    # --- an owner's modifiers that the category excludes say whose the text is
    ("content", "SystemMessage", None),
    # --- a WebAuthn key's protocol fields: the kind of authenticator, the key's label
    ("authenticatorAttachment", "FidoRegistrationSerializer", None),
    ("authenticator_attachment", None, None),
    ("attachment", "Message", CONTENT),
    ("name", "FidoRegistrationSerializer", None),
    ("name", "PasskeyRegistration", None),
    ("name", "UserRegistration", NAME),
    # --- a notification's, an alert's or a template's text is the service's
    ("text", "NotificationSerializer", None),
    ("message", "AlertForm", None),
    ("text", "TemplateForm", None),
    ("text", "CommentSerializer", CONTENT),
    ("message", "User", CONTENT),
    # --- a logo is a brand's picture
    ("logo_image", None, None),
    ("image", "ThemeLogo", None),
    ("content", "AIMessage", None),
    ("content", "AssistantMessage", None),
    ("text", "ErrorMessage", None),
    ("body", "EmailMessage", None),
    ("content", "HumanMessage", CONTENT),
    ("content", "UserMessage", CONTENT),
    ("content", "AddMemoryForm", CONTENT),
    ("text", "SendMessageRequest", CONTENT),
    ("system_message", "Chat", None),
    ("model", "GpuDevice", None),
    ("model", "MobileDevice", DEVICE),
    ("token", "SystemUser", CREDENTIALS),
    # --- a template's or a notification's prompt is the service's own
    ("prompt", "PromptTemplate", None),
    ("prompt", "Notification", None),
    ("prompt", "Preset", None),
    ("prompt", "SystemPrompt", None),
    ("prompt", "UserPrompt", CONTENT),
    ("prompt", "Job", CONTENT),
    ("prompt", "request", CONTENT),
    # --- a document a person uploads or writes
    ("content", "Document", CONTENT),
    ("document_text", None, CONTENT),
    ("title", "Document", CONTENT),
    ("page_content", "Document", None),
    ("text", "doc", None),
    ("content_type", "Document", None),
    # --- a passage kept for retrieval, the text extracted from an uploaded file
    ("text", "Passage", CONTENT),
    ("text", "BasePassage", CONTENT),
    ("text", "PassageCreate", CONTENT),
    ("text", "FileContent", CONTENT),
    ("text", "File", None),
    ("file_id", "FileContent", None),
    ("embedding", "Passage", None),
    # --- a form named for a verb and the timezone alone sets the signed-in person's
    ("timezone", "UpdateTimezoneForm", COARSE),
    ("timezone", "SetTimezoneRequest", COARSE),
    ("timezone", "UpdateEventTimezoneForm", None),
    ("timezone", "EventTimezoneUpdate", None),
    ("timezone", "TimezoneForm", None),
    ("timezone", "EventForm", None),
    ("update_timezone", None, None),
    ("set_timezone", None, None),
    # --- the user typed into a sign-in or directory-bind form
    ("user", "LdapForm", USERNAME),
    ("user", "LoginForm", USERNAME),
    ("user", "SigninRequest", USERNAME),
    ("login_user", None, None),
    ("ldap_user", None, None),
    ("user", "SignupForm", None),
    ("user", "Comment", None),
    # --- a conversation's name: its first message or a summary of it, renamed by the person
    ("name", "RenameChatRequest", CONTENT),
    ("name", "Conversation", CONTENT),
    ("conversation_name", None, CONTENT),
    ("name", "Channel", None),
    # `thread` names an OS thread as often as a conversation
    ("name", "UpdateThreadRequest", None),
    ("thread_name", None, None),
    # --- a passkey's credential id, stored with the authenticator; elsewhere it is a lookup key
    ("credential_id", "WebAuthnDevice", CREDENTIALS),
    ("credential_id", None, None),
    ("credential_id", "oauth", None),
    ("storage_credential_id", None, None),
    # --- a person's id at an external authentication backend
    ("auth_backend_identifier", "User", UNIQUE_ID),
    ("backend_identifier", "User", UNIQUE_ID),
    ("backend_identifier", "StorageService", None),
    ("auth_backend_identifier", "AppSettings", None),
    # --- the bank behind a card or a direct debit
    ("stripe_sepa_debit_bank", "request", FINANCIAL),
    ("card_bank", None, FINANCIAL),
    ("bank", None, None),
    ("bank", "Order", None),
    # --- who wrote a review or a comment without an account: their name and site
    ("name", "AbstractProductReview", NAME),
    ("name", "Comment", NAME),
    ("homepage", "AbstractProductReview", SOCIAL_URL),
    ("website", "Testimonial", SOCIAL_URL),
    ("homepage", "User", SOCIAL_URL),
    ("review_name", None, None),
    ("comment_name", None, None),
    ("name", "DbCommentModel", None),
    ("homepage", None, None),
    ("homepage", "Project", None),
    # --- a stored payment card, named in one word: its number, holder, brand and expiry
    ("number", "AbstractBankcard", CARD),
    ("name", "Bankcard", NAME),
    ("card_type", "Bankcard", CARD),
    ("expiry_date", "AbstractBankcard", CARD),
    ("bankcard_number", None, CARD),
    ("number", "Card", None),
    ("name", "Card", None),
    ("card_type", "Card", None),
    ("card_type", None, None),
    ("number", "Order", None),
    # --- a head named in two words an owner group lists as one: a card named in two words, an AI model
    ("number", "CreditCard", CARD),
    ("name", "CreditCard", NAME),
    ("number", "BankCardSerializer", CARD),
    ("expiry", "DebitCard", CARD),
    ("name", "GiftCard", None),
    ("number", "ScoreCard", None),
    ("name", "ChatModel", None),
    ("description", "ChatModel", None),
    ("name", "EmbeddingModelSerializer", None),
    ("name", "LanguageModel", None),
    ("name", "Chat", CONTENT),
    ("name", "ChatSerializer", CONTENT),
    ("name", "ApiKeyModel", None),
    ("name", "UserModel", NAME),
    # --- what a customer writes on a shipping address for the courier
    ("notes", "AbstractShippingAddress", CONTENT),
    ("delivery_instructions", None, CONTENT),
    ("shipping_notes", None, CONTENT),
    ("notes", "Project", None),
    # --- notes staff keep about a person or what they wrote (pretalx)
    ("internal_notes", "SpeakerProfile", CONTENT),
    ("internal_notes", "Submission", CONTENT),
    ("internal_note", "Ticket", CONTENT),
    ("internal_notes", "SubmitterAccessCode", None),
    ("internal_notes", "Event", None),
    ("internal_notes", None, None),
    ("internal_ip", "User", None),
    # --- ... and by their role's name (Tendenci's `Profile.admin_notes`)
    ("admin_notes", "Profile", CONTENT),
    ("staff_notes", "Member", CONTENT),
    ("admin_notes", "Event", None),
    ("admin_email", "Profile", None),
    # --- the name of a person's spouse (Tendenci's profile); not their initials, which a service
    # derives from their name as often as it asks for them (label-studio's user schema)
    ("spouse", "Profile", NAME),
    ("spouse_name", None, NAME),
    ("spouse", "Policy", None),
    ("initials", "User", None),
    # --- what a job seeker writes on the résumé they post (Tendenci's `Resume`)
    ("title", "Resume", CONTENT),
    ("description", "Resume", CONTENT),
    ("title", "ResumeToken", None),
    ("list_type", "Resume", None),
    # --- a CRM's id for its contact is the CRM's, as a payment provider's is (`sf_contact_id`)
    ("sf_contact_id", "Profile", None),
    ("salesforce_contact_id", "User", None),
    ("contact_id", "Profile", UNIQUE_ID),
    # --- a person's short handle
    ("nick", "User", "user.account.username"),
    ("nick", "Channel", None),
    ("nick", None, None),
    # --- who committed a commit of code: a person, as its author is
    ("committer_name", "DiffCommit", NAME),
    ("committer_name", None, NAME),
    ("committer_email", None, "user.contact.email"),
    ("commit_name", None, None),
    # --- a screenshot a person uploads, and the caption they write under it
    ("caption", "Screenshot", CONTENT),
    ("draft_caption", "Screenshot", CONTENT),
    ("caption", "Photo", None),
    # --- a draft of a record holds what the record holds, before it is published
    ("summary", "ReviewRequestDraft", CONTENT),
    ("summary", "ReviewRequestDraftResource", CONTENT),
    ("body", "PostDraft", CONTENT),
    ("summary", "Draft", None),
    ("body", "EmailDraft", None),
    ("draft", "User", None),
    ("draft_email", "User", "user.contact.email"),
    ("draft_comment", "Review", CONTENT),
    # --- the summary a person writes of their talk or paper; not Django's Meta.abstract flag
    ("abstract", "Submission", CONTENT),
    ("abstract", "Post", CONTENT),
    ("abstract", "Meta", None),
    ("abstract", "Event", None),
    ("abstract", None, None),
    ("instructions", "Recipe", None),
    ("instructions", None, None),
    # --- an address's text kept for searching copies the address
    ("search_text", "AbstractAddress", ADDRESS),
    ("search_text", "UserAddress", ADDRESS),
    ("search_text", None, SEARCH),
    # --- a search a person made, kept as a record
    ("query", "AbstractUserSearch", BEHAVIOR),
    ("term", "SavedSearch", BEHAVIOR),
    ("query", "Product", None),
    ("term", "Glossary", None),
    # --- what an autocompletion widget sends (jQuery UI's and select2's `term`), only in a request
    ("term", "request", BEHAVIOR),
    ("term", None, None),
    ("term", "Contract", None),
    # --- a mailing list is a group of subscribers: its name and display name are the list's
    ("name", "MailingList", None),
    ("display_name", "MailingList", None),
    ("display_name", "MailingListSubscriber", NAME),
    ("query", None, None),
    # --- SCIM's and vCard's vocabulary: a formatted name or address laid out for display, a profile
    # page, a TOTP secret kept for the person
    ("formatted_name", "User", NAME),
    ("formatted_address", "User", ADDRESS),
    ("formatted_name", "Client", None),
    ("formatted_address", "Place", None),
    ("formatted_date", None, None),
    ("profile_url", "User", SOCIAL_URL),
    ("profile_url", "Service", None),
    ("secret_token", "User", CREDENTIALS),
    # --- HTML autocomplete tokens of an address's levels
    ("address-level1", "person", STATE),
    ("address-level2", "person", CITY),
    ("address-level3", "person", None),
    # --- a thing that is not a person: its fields and attributes are its own (the head word decides)
    ("email_address", "Queue", None),
    ("ip", "Server", None),
    ("ip", "server", None),
    ("user", "Service", None),
    ("name", "ServerExtension", None),
    ("full_name", "i_datasource", None),
    ("token", "Theme", None),
    ("message", "ex", None),
    ("message", "exc", None),
    ("detail", "error", None),
    ("email", "mailbox", None),
    # reference data people pick from: a language's, a locale's or a content licence's full name
    ("full_name", "Language", None),
    ("full_name", "License", None),
    ("full_name", "Licence", None),
    ("display_name", "locale", None),
    # ... but not a queue's subscriber, a user cache, an order's or a ticket's e-mail, a task's prompt
    ("email_address", "QueueSubscriber", EMAIL),
    ("username", "UserCache", USERNAME),
    ("email", "Order", EMAIL),
    ("email", "Ticket", EMAIL),
    ("prompt", "Task", CONTENT),
]


@pytest.mark.parametrize(("owner", "expected"), [
    ("Queue", True), ("ProxyServer", True), ("ex", True), ("ServerExtension", True), ("SupersetThemeSchema", True),
    ("QueueMember", False), ("User", False), ("Order", False), ("Job", False), ("UserCache", False), ("settings", False),
])
def test_not_a_person(classifier: Classifier, owner: str, expected: bool) -> None:
    assert classifier.not_a_person(owner) is expected


@pytest.mark.parametrize(("identifier", "owner", "expected"), OWNED_VOCABULARY)
def test_owned_vocabulary(classifier: Classifier, identifier: str, owner: str | None, expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found else None) == expected, found


def test_the_owned_table_has_no_duplicate_rows() -> None:
    rows = [(identifier, owner) for identifier, owner, _ in OWNED_VOCABULARY]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize(
    ("identifier", "owner", "pattern"),
    [
        ("email", None, "name 'email' ~ email"),
        ("userEmail", None, "name 'userEmail' ~ email"),
        ("firstname", None, "name 'firstname' ~ first name"),
        ("name", "User", "name 'name' ~ name @person @address (owner 'User')"),
        ("customer_name", None, "name 'customer_name' ~ name @person @address (word 'customer')"),
        ("REMOTE_ADDR", None, "header 'REMOTE_ADDR' ~ remote-addr"),
    ],
)
def test_a_match_explains_itself(classifier: Classifier, identifier: str, owner: str | None, pattern: str) -> None:
    found = classifier.name(identifier, owner=owner)
    assert found is not None
    assert found.pattern == pattern


HEADERS: list[tuple[str, str | None]] = [
    ("X-Forwarded-For", IP),
    ("x-forwarded-for", IP),
    ("HTTP_X_FORWARDED_FOR", IP),
    ("X-Real-IP", IP),
    ("HTTP_X_REAL_IP", IP),
    ("REMOTE_ADDR", IP),
    ("CF-Connecting-IP", IP),
    ("True-Client-IP", IP),
    ("Forwarded", IP),
    ("User-Agent", DEVICE),
    ("HTTP_USER_AGENT", DEVICE),
    ("user_agent", DEVICE),
    ("Accept-Language", DEVICE),
    ("X-Locale", DEVICE),
    ("HTTP_X_LOCALE", DEVICE),
    ("HTTP_ACCEPT_LANGUAGE", DEVICE),
    ("Sec-CH-UA", DEVICE),
    ("Sec-CH-UA-Platform", DEVICE),
    ("sec-ch-ua-mobile", DEVICE),
    ("CF-IPCountry", COARSE),
    ("Authorization", CREDENTIALS),
    ("HTTP_AUTHORIZATION", CREDENTIALS),
    ("X-Api-Key", CREDENTIALS),
    ("X-Auth-Token", CREDENTIALS),
    ("Cookie", COOKIE_ID),
    ("HTTP_COOKIE", COOKIE_ID),
    ("Referer", BROWSING),
    ("X-User-Email", EMAIL),
    ("X-User-Id", UNIQUE_ID),
    ("X-Device-Id", DEVICE_ID),
    ("REMOTE_USER", USERNAME),
    ("Content-Type", None),
    ("CONTENT_TYPE", None),
    ("Content-Length", None),
    ("Host", None),
    ("HTTP_HOST", None),
    ("Accept", None),
    ("Accept-Encoding", None),
    ("X-Request-ID", None),
    ("X-Correlation-Id", None),
    ("X-Forwarded-Proto", None),
    ("X-Forwarded-Host", None),
    ("X-CSRFToken", None),
    ("Referrer-Policy", None),
    ("Origin", None),
    ("Location", None),
    ("", None),
]


@pytest.mark.parametrize(("key", "expected"), HEADERS)
def test_header(classifier: Classifier, key: str, expected: str | None) -> None:
    found = classifier.header(key)
    assert (found.category if found else None) == expected, found


def test_header_explains_the_table_entry(classifier: Classifier) -> None:
    assert classifier.header("HTTP_X_FORWARDED_FOR") == Match(IP, "header 'HTTP_X_FORWARDED_FOR' ~ x-forwarded-for")
    assert classifier.header("Sec-CH-UA-Model") == Match(DEVICE, "header 'Sec-CH-UA-Model' ~ sec-ch-ua*")
    assert classifier.header("X-User-Email") == Match(EMAIL, "header 'X-User-Email' ~ name email")


TYPES: list[tuple[str, str | None]] = [
    ("EmailField", EMAIL),
    ("EmailStr", EMAIL),
    ("EmailType", EMAIL),
    ("pydantic.EmailStr", EMAIL),
    ("Optional[EmailStr]", EMAIL),
    ("EmailStr | None", EMAIL),
    ("PhoneNumberField", PHONE),
    ("PhoneNumber", PHONE),
    ("GenericIPAddressField", IP),
    ("IPAddressField", IP),
    ("IPvAnyAddress", IP),
    ("IPv4Address", IP),
    ("ipaddress.IPv6Address", IP),
    ("ImageField", CONTENT),
    ("FileField", CONTENT),
    ("UploadFile", CONTENT),
    ("FileStorage", CONTENT),
    ("PaymentCardNumber", CARD),
    ("SecretStr", CREDENTIALS),
    ("PasswordField", CREDENTIALS),
    ("CountryField", COUNTRY),
    ("USZipCodeField", POSTAL),
    ("USSocialSecurityNumberField", NATIONAL_ID),
    ("DateField", None),
    ("DateTimeField", None),
    ("CharField", None),
    ("TextField", None),
    ("IntegerField", None),
    ("UUIDField", None),
    ("URLField", None),
    ("str", None),
    ("Optional[str]", None),
    ("ContentTypeField", None),
    # geoalchemy2 geometry columns: a point, a track or an area on the map
    ("Geometry", LOCATION),
    ("Geography", LOCATION),
    ("geoalchemy2.Geometry", LOCATION),
    ("GeometryCollection", None),
    ("WKBElement", None),
]


@pytest.mark.parametrize(("name", "expected"), TYPES)
def test_type_name(classifier: Classifier, name: str, expected: str | None) -> None:
    found = classifier.type_name(name)
    assert (found.category if found else None) == expected, found


# A field's name read with its declared types: text fields that name a person hold a login.
TYPED_NAMES = [
    ("user", ["mapped_column", "Unicode", "Mapped", "str", "None"], USERNAME),
    ("user", ["CharField"], USERNAME),
    ("administrator", ["Unicode"], USERNAME),
    ("admin", ["String"], USERNAME),
    ("modified_by", ["Column", "String"], USERNAME),
    ("modified_by", ["TEXT"], USERNAME),
    ("created_by", ["StringField"], USERNAME),
    ("login", ["TextAreaField"], USERNAME),
    ("used_login", ["Unicode"], USERNAME),
    # an owner named in text (Lemur's `Certificate.owner = Column(String(128))`, `fields.String()`)
    ("owner", ["Column", "String"], USERNAME),
    ("owner", ["String"], USERNAME),
    # a reference to a user record is not a login name
    ("owner", ["ForeignKey"], None),
    ("owner", ["str"], None),
    ("user", ["Integer"], None),
    ("user", ["User"], None),
    ("user", ["ForeignKey"], None),
    ("modified_by", ["Integer"], None),
    ("user", [], None),
    # Python's str says nothing of what the text is (`ConversationTurn.user` is a message)
    ("user", ["str"], None),
    # names that need an owner other than a type, or none, are not read through their type
    ("sender", ["str"], None),
    ("user_agent", ["str"], None),
    ("email", ["String"], None),
    ("name", ["str"], None),
    ("admin", ["Boolean"], None),
    ("is_admin", ["String"], None),
]


@pytest.mark.parametrize(("identifier", "types", "expected"), TYPED_NAMES)
def test_typed_name(classifier: Classifier, identifier: str, types: list[str], expected: str | None) -> None:
    found = classifier.typed_name(identifier, types)
    assert (found.category if found else None) == expected, found


# --- overrides from the inventory's [classifier] table


def test_override_fields_win_over_the_rule_pack() -> None:
    classifier = Classifier.load(
        ClassifierOverrides(fields=(("cust_ref", UNIQUE_ID), ("email", "user.contact")), not_personal=())
    )
    assert classifier.name("cust_ref") == Match(UNIQUE_ID, "name 'cust_ref' ~ [classifier] fields")
    # spelling does not matter: the override is compared word by word
    assert classifier.name("custRef") == Match(UNIQUE_ID, "name 'custRef' ~ [classifier] fields")
    assert classifier.name("email") == Match("user.contact", "name 'email' ~ [classifier] fields")
    assert classifier.name("phone") == Match(PHONE, "name 'phone' ~ phone")


def test_not_personal_names_never_match() -> None:
    classifier = Classifier.load(ClassifierOverrides(not_personal=("ip", "display_name", "X-Forwarded-For")))
    assert classifier.name("ip") is None
    assert classifier.name("displayName", owner="User") is None
    assert classifier.header("HTTP_X_FORWARDED_FOR") is None
    assert classifier.name("ip_address") is not None
    assert classifier.header("X-Real-IP") is not None


def test_classifiers_with_different_overrides_do_not_share_answers() -> None:
    plain = Classifier.load()
    silenced = Classifier.load(ClassifierOverrides(not_personal=("email",)))
    assert silenced.name("email") is None
    assert plain.name("email") == Match(EMAIL, "name 'email' ~ email")


def test_the_bundled_pack_is_read_once() -> None:
    assert Classifier.load().pack is Classifier.load().pack is bundled_pack()


def test_answers_are_cached_per_name_and_owner(classifier: Classifier) -> None:
    first = classifier.name("name", owner="User")
    assert classifier.name("name", owner="User") is first
    assert classifier.name("name", owner="Product") is None


# --- broken rule packs

GOOD = """
[words]
transparent = ["list"]
[owners]
person = ["user"]
[categories."user.contact.email"]
patterns = ["email"]
"""


def test_a_minimal_pack_works() -> None:
    classifier = Classifier.from_toml(GOOD)
    assert classifier.name("user_emails") == Match(EMAIL, "name 'user_emails' ~ email")
    assert classifier.name("email_list") == Match(EMAIL, "name 'email_list' ~ email")
    assert classifier.name("email_template") is None
    assert classifier.header("X-Forwarded-For") is None
    assert classifier.type_name("EmailStr") is None


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            GOOD + '[categories."user.contact.emial"]\npatterns = ["mail"]\n',
            ["broken.toml:8: unknown category 'user.contact.emial': not a fideslang key (did you mean 'user.contact.email'?)"],
        ),
        (
            GOOD.replace('patterns = ["email"]', 'patterns = ["email",\n  "e-mail address"]'),
            ["broken.toml:8: pattern 'e-mail address' in [categories.\"user.contact.email\"]: a word is lower-case letters and digits, not 'e-mail'"],
        ),
        (
            GOOD.replace('patterns = ["email"]', 'patterns = ["email @persn"]'),
            ["broken.toml:7: pattern 'email @persn' in [categories.\"user.contact.email\"]: unknown owner group '@persn' (groups: person)"],
        ),
        (
            GOOD.replace('patterns = ["email"]', 'patterns = ["email", 3]'),
            ["broken.toml:7: a pattern in [categories.\"user.contact.email\"] is a string or { pattern = ..., unless = [...] }, not int"],
        ),
        (
            GOOD.replace('patterns = ["email"]', 'patterns = [{ pattern = "email", unles = ["x"] }]'),
            ["broken.toml:7: unknown key 'unles' in [categories.\"user.contact.email\"] (did you mean 'unless'?)"],
        ),
        (
            GOOD.replace('patterns = ["email"]', 'patterns = [{ pattern = "email", unless_owners = ["persn"] }]'),
            ["broken.toml:7: unless_owners in [categories.\"user.contact.email\"]: unknown owner group 'persn' (groups: person)"],
        ),
        (
            GOOD + '[headers]\n"X-Real-IP" = "user.device.ip_address"\n"x-ip" = "user.ip"\n',
            [
                "broken.toml:9: header 'X-Real-IP' in [headers]: write it lower-case with '-' between words (a final '*' matches any ending)",
                "broken.toml:10: unknown category 'user.ip': not a fideslang key",
            ],
        ),
        (
            GOOD.replace("[owners]", "[owner]"),
            ["broken.toml:4: unknown key 'owner' (did you mean 'owners'?)"],
        ),
        (
            "[words]\n",
            ['broken.toml: the classifier rule pack has no [categories."<key>"] tables'],
        ),
        (
            GOOD.replace('transparent = ["list"]', 'transparent = "list"'),
            ["broken.toml:3: 'transparent' in [words] must be an array of strings, not a string"],
        ),
        (
            GOOD.replace('patterns = ["email"]', "patterns = [\"email\""),
            ["broken.toml:7:20: invalid TOML: Unclosed array at end of file"],
        ),
    ],
)
def test_a_broken_pack_is_a_rule_pack_error_at_its_line(text: str, problems: list[str]) -> None:
    with pytest.raises(RulePackError) as raised:
        Classifier.from_toml(text, path="broken.toml")
    assert [str(p) for p in raised.value.problems] == problems


def test_a_valid_pack_is_compiled_without_indexing_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    indexed: list[str] = []
    real = TomlPositions.index

    def counting(text: str) -> TomlPositions:
        indexed.append(text)
        return real(text)

    monkeypatch.setattr(TomlPositions, "index", staticmethod(counting))
    assert Classifier.from_toml(GOOD, path="good.toml").name("user_emails") == Match(EMAIL, "name 'user_emails' ~ email")
    assert indexed == []
    broken = GOOD.replace('transparent = ["list"]', 'transparent = "list"')
    with pytest.raises(RulePackError):
        Classifier.from_toml(broken, path="broken.toml")
    assert indexed == [broken]


@pytest.mark.parametrize(
    ("identifier", "owner", "expected"),
    [
        # a field of a request body model or a form, read as what a person submits
        ("search", "ThreadFilter", BEHAVIOR),
        ("q", "SearchForm", BEHAVIOR),
        ("email", "ThreadFilter", EMAIL),
        # its class still cancels what it cancels: a chat message's session is the conversation
        ("session_id", "MessageUpdate", None),
        ("session_id", "LoginRequest", CREDENTIALS),
        # a configuration object submits nothing personal
        ("name", "SettingsForm", None),
        ("page", "ThreadFilter", None),
    ],
)
def test_submitted_name(classifier: Classifier, identifier: str, owner: str, expected: str | None) -> None:
    found = classifier.submitted_name(identifier, owner)
    assert (found.category if found is not None else None) == expected


# lnbits (FastAPI, pydantic): what a person writes on a payment, a wallet's API keys, a person's ids at
# Nostr and Telegram; and the near misses: a payment's `data` and a wallet's `user` are its own records.
PAYMENT_AND_WALLET_VOCABULARY: list[tuple[str, str | None, str | None]] = [
    ("memo", "Payment", CONTENT),
    ("memo", "CreateInvoice", CONTENT),
    ("memo", "db_payment", CONTENT),
    ("memo", None, None),  # memoisation as often as a note
    ("comment", "PaymentExtra", CONTENT),
    ("unhashed_description", "CreateInvoice", CONTENT),
    ("description_hash", "CreateInvoice", None),
    ("description", "Product", None),
    ("picture", "UserExtra", SELF_IMAGE),
    ("adminkey", "BaseWallet", CREDENTIALS),
    ("inkey", "BaseWallet", CREDENTIALS),
    ("user", "BaseWallet", None),
    ("nostr_identifier", "UserNotifications", USERNAME),
    ("nip05", None, USERNAME),
    ("telegram_chat_id", "UserNotifications", UNIQUE_ID),
    ("chat_id", None, None),
    ("pubkey", "Account", UNIQUE_ID),
    ("pubkey", "UpdateUserPubkey", UNIQUE_ID),
    ("pubkey", None, None),
    ("public_key", "Server", None),
    ("usr", "LoginUsr", USERNAME),
    ("usr", "AccessTokenPayload", None),
]


@pytest.mark.parametrize(("identifier", "owner", "expected"), PAYMENT_AND_WALLET_VOCABULARY)
def test_payment_and_wallet_vocabulary(classifier: Classifier, identifier: str, owner: str | None,
                                       expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found is not None else None) == expected


@pytest.mark.parametrize(
    ("identifier", "owner", "expected"),
    [("user", "BaseWallet", None), ("data", "DecodePayment", None), ("data", "CreateFeedback", CONTENT),
     ("user", "UpdateUser", USERNAME), ("memo", "PaymentFilters", CONTENT)],
)
def test_submitted_payment_records(classifier: Classifier, identifier: str, owner: str, expected: str | None) -> None:
    found = classifier.submitted_name(identifier, owner)
    assert (found.category if found is not None else None) == expected


# django-helpdesk (Django): a ticket's follow-ups and resolution, the answers to custom fields an
# administrator defines, the addresses a follow-up was mailed to; and the near misses: a preset
# reply's body is the service's own text, a screen's resolution and a bare field's value mean nothing.
HELP_DESK_VOCABULARY: list[tuple[str, str | None, str | None]] = [
    ("comment", "FollowUp", CONTENT),
    ("title", "FollowUp", CONTENT),
    ("comment", "FollowUpForm", CONTENT),
    ("date", "FollowUp", None),
    ("resolution", "Ticket", CONTENT),
    ("resolution", "Complaint", CONTENT),
    ("resolution", "Screen", None),
    ("resolution", None, None),
    ("value", "TicketCustomFieldValue", CONTENT),
    ("value", "CustomFieldValue", CONTENT),
    ("value", "Field", None),
    ("value", "Setting", None),
    ("email_recipients", "FollowUp", EMAIL),
    ("email_recipients", None, EMAIL),
    ("body", "PreSetReply", None),
    ("body", "PresetReply", None),
    ("body", "CannedReply", None),
    ("body", "Reply", CONTENT),
    ("name", "SignUpForm", NAME),
    ("mail", "request", EMAIL),
    ("mail", None, None),
    ("mail", "Message", None),
    ("mail", "payload", None),
]


@pytest.mark.parametrize(("identifier", "owner", "expected"), HELP_DESK_VOCABULARY)
def test_help_desk_vocabulary(classifier: Classifier, identifier: str, owner: str | None,
                              expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found is not None else None) == expected


# X.509 certificates and their authorities (the group `certificate`, lent by a modifier too): the PEM
# body, the private key, the description and the subject's locality are the organisation's.
@pytest.mark.parametrize(
    ("identifier", "owner", "expected"),
    [("private_key", "Certificate", None), ("private_key", "CertificateUploadInputSchema", None),
     ("private_key", "PendingCertificate", None), ("private_key", "User", CREDENTIALS),
     ("private_key", "ServerKeyUploadSchema", CREDENTIALS),
     ("location", "CertificateInputSchema", None), ("location", "AuthorityInputSchema", None),
     ("location", "UserSchema", LOCATION), ("email", "Certificate", EMAIL), ("owner_email", "Authority", EMAIL)],
)
def test_certificate_records(classifier: Classifier, identifier: str, owner: str, expected: str | None) -> None:
    found = classifier.submitted_name(identifier, owner)
    assert (found.category if found is not None else None) == expected


@pytest.mark.parametrize(
    ("identifier", "owner", "group", "expected"),
    [("body", "Certificate", "ownwords", None), ("body", "PendingCertificateUploadInputSchema", "ownwords", None),
     ("description", "Authority", "describing", None), ("description", "PendingCertificate", "describing", None),
     ("body", "Post", "ownwords", CONTENT), ("description", "Photo", "describing", CONTENT)],
)
def test_certificate_records_hold_no_writing(classifier: Classifier, identifier: str, owner: str, group: str,
                                             expected: str | None) -> None:
    found = classifier.written_name(identifier, owner, group)
    assert (found.category if found is not None else None) == expected
