#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd): every
message it accepts is written, as received, to OUT/NNNNNN.eml (through a
temporary name, so a reader never sees half a file). --reject ADDR answers
550 to RCPT TO for that address; --tempfail ADDR answers 451. It counts
connections in OUT/connections. It prints "listening PORT" when ready and
runs until it is killed.
Usage: smtp_sink.py --dir OUT [--port N] [--reject ADDR ...] [--tempfail ADDR ...]"""
import argparse, asyncio, itertools, os, signal, socket, sys, threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, reject, tempfail):
        self.out, self.reject, self.tempfail = out, set(reject), set(tempfail)
        self.numbers = itertools.count(1)
        self.connections = 0
        self.lock = threading.Lock()

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
        n = next(self.numbers)
        tmp = os.path.join(self.out, ".%06d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.out, "%06d.eml" % n))
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
    args = a.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    sink = Sink(args.dir, [r.lower() for r in args.reject], [t.lower() for t in args.tempfail])
    c = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=10 << 20)
    c.start()
    print("listening %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
