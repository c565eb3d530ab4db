"""Mail servers for tests, on loopback: a real SMTP server (aiosmtpd) that accepts or refuses
with the codes a test asks for, and two broken ones: one that never answers, one that
trickles its greeting a line at a time for ever."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes

from aiosmtpd.controller import Controller

from tests.servers import free_port


class Recorder:
    """aiosmtpd handler: keeps every accepted message; answers MAIL, RCPT or DATA with the
    code a test sets (e.g. "451 4.3.0 try later") instead of accepting."""

    def __init__(self):
        self.messages = []
        self.refuse = {}  # "MAIL" | "RCPT" | "DATA" -> reply
        self.data_delay = 0  # seconds before answering the end of DATA (a slow server)
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if "MAIL" in self.refuse:
            return self.refuse["MAIL"]
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "RCPT" in self.refuse:
            return self.refuse["RCPT"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if "DATA" in self.refuse:
            return self.refuse["DATA"]
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content))
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 OK queued"

    def recipients(self):
        with self.lock:
            return [message["To"] for message in self.messages]


class _Controller(Controller):
    def _create_server(self):
        # SO_REUSEADDR explicitly: the port may have just been left by a broken server
        # whose connections are still closing.
        return self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=self.port, reuse_address=True
        )


class SmtpServer:
    """aiosmtpd on a loopback port, started and stopped by the test."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.recorder = Recorder()
        self.controller = None

    def start(self):
        self.controller = _Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"


class BrokenServer:
    """Accepts connections and then never answers ("hang"), or sends a greeting line that
    says more follows, every `interval` seconds, for ever ("drip")."""

    def __init__(self, mode, port=None, interval=0.2):
        self.mode, self.interval = mode, interval
        self.port = port or free_port()
        self.connections = 0
        self._stop = threading.Event()
        self._sockets = []

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen()
        self.listener.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._sockets.append(connection)
            if self.mode == "drip":
                threading.Thread(target=self._drip, args=(connection,), daemon=True).start()

    def _drip(self, connection):
        while not self._stop.is_set():
            try:
                connection.sendall(b"220-still here\r\n")
            except OSError:
                return
            time.sleep(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)  # out of accept(), which holds the listening socket
        for connection in [*self._sockets, self.listener]:
            connection.close()
