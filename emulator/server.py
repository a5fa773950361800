"""The emulator process: moto's server app with the fidelity fixes, on loopback.

Run by ``Emulator.start`` as ``python -m emulator.server --port N``; it prints
``ready <port>`` once listening so the parent knows when requests can be sent.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading


def serialized(app):
    """``app`` answering one request at a time. moto's backends are not thread-safe: Terraform's
    parallel requests (and a second Terraform run beside it) could interleave inside one backend call
    and see a half-made object (seen as WAFv2DuplicateItem and RevokeSecurityGroupEgress NotFound).
    The process runs one request at a time under the GIL anyway; connections still overlap."""
    lock = threading.Lock()

    def application(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    return application


def main(argv: list[str] | None = None) -> int:
    """Parse ``--host/--port``, apply the fidelity fixes and serve until terminated."""
    parser = argparse.ArgumentParser(description="local AWS emulator (moto) with fidelity fixes")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    from emulator.fidelity import apply_all

    apply_all()
    server = make_server(args.host, args.port, serialized(DomainDispatcherApplication(create_backend_app)),
                         threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    print(f"ready {server.server_port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
