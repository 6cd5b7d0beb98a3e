"""Helpers of the e-mail tests: a samrad server and the SMTP sink as child
processes, notifications written as the notifier writes them, and messages
read back with Python's email package."""
import atexit, email, email.policy, glob, json, os, re, signal, sqlite3, subprocess, sys, tempfile, time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []
children = []


@atexit.register
def _kill_children():
    # A failing test must not leave a server or sink holding its output open.
    for p in children:
        if p.poll() is None:
            p.kill()


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def finish():
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("all checks passed")


def wait_for(pred, seconds=30, step=0.05):
    end = time.time() + seconds
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


class Sink:
    """tests/mail/smtp_sink.py in its own process."""

    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="samrad-sink-")
        self.p = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "smtp_sink.py"), "--dir", self.dir, *args],
                                  stdout=subprocess.PIPE, text=True)
        children.append(self.p)
        self.port = int(re.search(r"listening (\d+)", self.p.stdout.readline()).group(1))
        self.url = "smtp://127.0.0.1:%d" % self.port

    def files(self):
        return sorted(glob.glob(os.path.join(self.dir, "*.eml")))

    def messages(self):
        return [read_message(f) for f in self.files()]

    def connections(self):
        try:
            return int(open(os.path.join(self.dir, "connections")).read())
        except (OSError, ValueError):
            return 0

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        self.p.wait(timeout=30)


def read_message(path):
    with open(path, "rb") as f:
        return email.message_from_binary_file(f, policy=email.policy.default)


class Samrad:
    """samrad serve on a free port over one data folder, restartable."""

    def __init__(self, binary, *extra, clock=None):
        self.binary = binary
        self.extra = list(extra)
        self.data = os.path.join(tempfile.mkdtemp(prefix="samrad-mail-"), "data")
        self.env = dict(os.environ)
        if clock is not None:
            self.clock_file = os.path.join(os.path.dirname(self.data), "clock")
            self.set_time(clock)
            self.env["SAMRAD_CLOCK_FILE"] = self.clock_file
        self.p = None

    def set_time(self, epoch):
        with open(self.clock_file + ".tmp", "w") as f:
            f.write(str(int(epoch)))
        os.rename(self.clock_file + ".tmp", self.clock_file)

    def run(self, *args):
        return subprocess.run([self.binary, *args], capture_output=True, text=True, env=self.env)

    def start(self):
        self.p = subprocess.Popen([self.binary, "serve", "--data", self.data, "--port", "0", *self.extra],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        children.append(self.p)
        line = self.p.stdout.readline()
        m = re.search(r"listening on (http://\S+)", line)
        if not m:
            raise RuntimeError("samrad did not start: " + line + self.p.stderr.read())
        self.url = m.group(1)
        return self

    def stop(self, sig=signal.SIGTERM):
        self.p.send_signal(sig)
        self.p.wait(timeout=60)

    def get(self, path):
        try:
            with urllib.request.urlopen(path if path.startswith("http") else self.url + path, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def api(self, method, path, body=None, token=None, form=None):
        """(status, parsed JSON or text) of a request to the server."""
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = form.encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if token:
            headers["Authorization"] = "Bearer " + token
        req = urllib.request.Request(path if path.startswith("http") else self.url + path, data=data,
                                     headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, text = r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode("utf-8", "replace")
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def login(self, email_address, role, name):
        password = "ett-langt-losenord-1"
        self.run("admin", "create-user", "--data", self.data, "--email", email_address, "--password", password,
                 "--name", name, "--role", role)
        return self.api("POST", "/api/v1/sessions", {"email": email_address, "password": password})[1]["token"]

    def db(self):
        c = sqlite3.connect(os.path.join(self.data, "samrad.db"), timeout=60)
        c.execute("PRAGMA busy_timeout = 60000")
        return c

    def add_user(self, email_address, name="Invånare"):
        with self.db() as c:
            cur = c.execute("INSERT INTO users (email, display_name, role, created_at) VALUES (?, ?, 'resident',"
                            " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", (email_address, name))
            return cur.lastrowid

    def notify(self, user_id, kind, data, consultation_id=None, link="/consultations", seq=None, subscription_id=None):
        """A notification row as the notifier writes it."""
        with self.db() as c:
            if seq is None:
                seq = 1000000 + (c.execute("SELECT ifnull(max(id), 0) FROM notifications").fetchone()[0] + 1)
            cur = c.execute("INSERT INTO notifications (user_id, subscription_id, event_seq, kind, consultation_id,"
                            " link, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                            (user_id, subscription_id, seq, kind, consultation_id, link, json.dumps(data)))
            return cur.lastrowid

    def outbox(self, where="1"):
        with self.db() as c:
            return c.execute("SELECT id, recipient, state, attempts, last_error, message_id FROM mail_outbox WHERE "
                             + where + " ORDER BY id").fetchall()


def parts(msg):
    """The text/plain and text/html bodies of a multipart/alternative message."""
    text = html = None
    for part in msg.iter_parts():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
        elif part.get_content_type() == "text/html":
            html = part.get_content()
    return text, html


def for_recipient(messages, address):
    return [m for m in messages if m["To"] == address]
