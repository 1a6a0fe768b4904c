"""Who is signed in: Streamlit's OpenID Connect login (`st.login`), configured in `.streamlit/secrets.toml` `[auth]`.

Without an `[auth]` section naming an identity provider, nobody signs in and the dashboard is read-only.
"""

from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

SHARED_SETTINGS = ("redirect_uri", "cookie_secret")
PROVIDER_SETTINGS = ("client_id", "client_secret", "server_metadata_url")


def _has(section: object, keys: tuple[str, ...]) -> bool:
    return isinstance(section, Mapping) and all(section.get(key) for key in keys)


def login_provider() -> str | None:
    """Return the identity provider `st.login` uses: "" for the `[auth]` section itself, the name of a sub-section
    such as `[auth.microsoft]`, or None when `secrets.toml` configures none."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None
    if not _has(section, SHARED_SETTINGS):
        return None
    if _has(section, PROVIDER_SETTINGS):
        return ""
    return next((str(name) for name, value in section.items() if _has(value, PROVIDER_SETTINGS)), None)


def provider_configured() -> bool:
    """Return True if `secrets.toml` configures an identity provider (otherwise the dashboard is read-only)."""
    return login_provider() is not None


def sign_in() -> None:
    """Send the browser to the identity provider (a button's callback)."""
    st.login(login_provider() or None)


def signed_in_email() -> str | None:
    """Return the e-mail address of the signed-in user (as the identity provider states it), or None."""
    if not provider_configured() or not st.user.get("is_logged_in", False):
        return None
    email = st.user.get("email")
    return str(email) if email else None


# What the curation page shows an operator: the `[auth]` section of `.streamlit/secrets.toml`, with placeholders.
EXAMPLE_SECRETS = """[auth]
redirect_uri = "https://matrix.example.org/oauth2callback"
cookie_secret = "A LONG RANDOM SECRET"
client_id = "CLIENT ID FROM YOUR IDENTITY PROVIDER"
client_secret = "CLIENT SECRET FROM YOUR IDENTITY PROVIDER"
server_metadata_url = "https://login.example.org/.well-known/openid-configuration"
"""
