#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd): every
message it accepts is written, as received, to OUT/NNNNNN.eml (through a
temporary name, so a reader never sees half a file). --reject ADDR answers
550 to RCPT TO for that address; --tempfail ADDR answers 451. It counts
connections in OUT/connections. It prints "listening PORT" when ready and
runs until it is killed.
TLS: --cert PEM --key PEM with --starttls (offered and required before any
mail, as submission servers do) or --smtps (implicit TLS). --auth USER:PASS
requires AUTH (only over TLS, unless --auth-in-clear), --auth-only MECH
offers that one mechanism (PLAIN or LOGIN). For each accepted message a
line "tls=0|1 auth=USER|- mech=MECH|-" goes to OUT/sessions.
--stall-first: the first DATA is never answered (OUT/stalled appears when
it arrives); later ones are accepted.
Usage: smtp_sink.py --dir OUT [--port N] [--reject ADDR ...] [--tempfail ADDR ...]
                    [--cert PEM --key PEM (--starttls | --smtps)] [--auth USER:PASS [--auth-only MECH]
                    [--auth-in-clear]] [--stall-first]"""
import argparse, asyncio, itertools, os, signal, socket, ssl, sys, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Authenticator:
    """Accepts one user and password; remembers which mechanism was used."""

    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        if ok:
            session.sink_login = (mechanism, auth_data.login.decode())
        return AuthResult(success=ok, handled=False)


class Sink:
    def __init__(self, out, reject, tempfail, stall_first=False):
        self.out, self.reject, self.tempfail = out, set(reject), set(tempfail)
        self.numbers = itertools.count(1)
        self.connections = 0
        self.lock = threading.Lock()
        self.stall = stall_first

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.connections += 1
            with open(os.path.join(self.out, "connections"), "w") as f:
                f.write(str(self.connections))
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 No such mailbox here"
        if address.lower() in self.tempfail:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            self.stall = False
            open(os.path.join(self.out, "stalled"), "w").close()
            await asyncio.sleep(3600)  # no answer: the client waits (or gives up)
        n = next(self.numbers)
        tmp = os.path.join(self.out, ".%06d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.out, "%06d.eml" % n))
        mechanism, login = getattr(session, "sink_login", ("-", "-"))
        tls = server.transport.get_extra_info("ssl_object") is not None
        with open(os.path.join(self.out, "sessions"), "a") as f:
            f.write("tls=%d auth=%s mech=%s\n" % (tls, login, mechanism))
        return "250 2.0.0 Accepted"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--dir", required=True)
    a.add_argument("--port", type=int, default=0)
    a.add_argument("--reject", action="append", default=[])
    a.add_argument("--tempfail", action="append", default=[])
    a.add_argument("--cert")
    a.add_argument("--key")
    a.add_argument("--starttls", action="store_true")
    a.add_argument("--smtps", action="store_true")
    a.add_argument("--auth")
    a.add_argument("--auth-only", choices=["PLAIN", "LOGIN"])
    a.add_argument("--auth-in-clear", action="store_true")
    a.add_argument("--stall-first", action="store_true")
    args = a.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    sink = Sink(args.dir, [r.lower() for r in args.reject], [t.lower() for t in args.tempfail], args.stall_first)
    kwargs = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.smtps:
            kwargs["ssl_context"] = context
        else:
            kwargs.update(tls_context=context, require_starttls=args.starttls)
    if args.auth:
        user, password = args.auth.split(":", 1)
        # aiosmtpd counts only STARTTLS as TLS for AUTH; with --smtps all is TLS.
        kwargs.update(authenticator=Authenticator(user, password), auth_required=True,
                      auth_require_tls=not (args.auth_in_clear or args.smtps))
        if args.auth_only:
            kwargs["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m != args.auth_only]
    c = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=10 << 20, **kwargs)
    c.start()
    print("listening %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
