"""A plain HTTP client for the console: keeps cookies, follows nothing, reads CSRF tokens."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


@dataclass
class Answer:
    """What the console answered."""

    status: int
    text: str
    headers: dict[str, str]
    set_cookies: list[str] = field(default_factory=list)

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Client:
    """One browser-like user agent (cookies regardless of the Secure flag: loopback only)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: str | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        sent = {"Accept-Language": "de"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie_value = rest.split(";")[0].strip('"')
                if "Max-Age=0" in value or not cookie_value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie_value
        connection.close()
        headers = {k.lower(): v for k, v in response.getheaders()}
        cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
        return Answer(response.status, text, headers, cookies)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: list[tuple[str, str]] | dict[str, str]) -> Answer:
        return self.request("POST", path, urlencode(data))

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on a page."""
        found = _CSRF.search(self.get(path).text)
        assert found, f"no form on {path}"
        return found.group(1)

    def login(self, username: str, password: str) -> Answer:
        token = self.csrf("/login")
        return self.post("/login", {"csrf": token, "username": username, "password": password,
                                    "next": "/"})  # fmt: skip
