"""What every app may use and that knows no app: the site's public origin
and absolute addresses (`origin`), the client's address behind trusted
proxies (`client_ip`), a database helper (`db`), the login throttle
(`lockout`) and the middleware the settings install (`middleware`,
`nul_bytes`, `bench_headers`).

It sits below the apps: nothing here imports the project's apps or
`newsroom/` (the settings, URLs and WSGI entry point, which import the apps).
"""
