#!/usr/bin/env python3
"""Fault injector for tests/e2e/test_fleet.sh: an HTTP/1.1 proxy on
127.0.0.1 in front of lighttpd. Agent N asks for /a/N/<file>; the proxy
forwards /<file> to lighttpd (or to DIR/<file> of an older or foreign
set) and, for the first FAULTY requests of each agent in the current
phase, applies agent N's fault (N % len(FAULTS)). GET /__phase/P starts
phase P (counters reset); GET /__stats returns the counts as JSON.
Only 127.0.0.1, every wait bounded; stops on SIGTERM."""
import asyncio, json, os, signal, sys

FAULTS = ["none", "reset", "404", "500", "stall", "truncated", "bitflip",
          "foreign", "rollback", "oversize", "oversize_chunked",
          "short_length", "long_length"]
FAULTY = 2           # faulty requests per agent and phase
STALL_S = 20         # longer than the agents' timeout

listen_port, upstream_port = int(sys.argv[1]), int(sys.argv[2])
foreign_dir, old_dir, cap = sys.argv[3], sys.argv[4], int(sys.argv[5])
state = {"phase": 1, "seen": {}, "status": {}, "faults": {}}


async def upstream(path, headers):
    r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", upstream_port), 5)
    req = "GET /%s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % path
    for k in ("if-none-match", "if-modified-since"):
        if k in headers:
            req += "%s: %s\r\n" % (k, headers[k])
    w.write((req + "\r\n").encode())
    await w.drain()
    data = await asyncio.wait_for(r.read(), 10)
    w.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    code = int(lines[0].split()[1])
    hdrs = [l for l in lines[1:] if not l.lower().startswith(("connection:", "content-length:", "transfer-encoding:"))]
    return code, hdrs, body


def response(code, hdrs, body, length=None):
    reason = {200: "OK", 304: "Not Modified", 404: "Not Found", 500: "Internal Server Error"}.get(code, "X")
    h = "HTTP/1.1 %d %s\r\n" % (code, reason)
    for l in hdrs:
        h += l + "\r\n"
    if code != 304:
        h += "Content-Length: %d\r\n" % (len(body) if length is None else length)
    h += "Connection: close\r\n\r\n"
    return h.encode("latin-1")


def file_body(d, name):
    with open(os.path.join(d, name), "rb") as f:
        return f.read()


async def handle(r, w):
    try:
        line = await asyncio.wait_for(r.readline(), 10)
        headers = {}
        while True:
            l = await asyncio.wait_for(r.readline(), 10)
            if l in (b"\r\n", b"\n", b""):
                break
            k, _, v = l.decode("latin-1").partition(":")
            headers[k.strip().lower()] = v.strip()
        parts = line.decode("latin-1").split()
        path = parts[1] if len(parts) > 1 else "/"
        if path.startswith("/__phase/"):
            state["phase"] = int(path.split("/")[2])
            state["seen"], state["status"], state["faults"] = {}, {}, {}
            w.write(response(200, [], b"ok\n") + b"ok\n")
            return
        if path == "/__stats":
            body = json.dumps({"status": state["status"], "faults": state["faults"]}).encode()
            w.write(response(200, [], body) + body)
            return
        seg = path.split("/")
        if len(seg) != 4 or seg[1] != "a" or not seg[2].isdigit():
            w.write(response(404, [], b"") )
            return
        agent, name = int(seg[2]), seg[3]
        n = state["seen"].get(agent, 0)
        state["seen"][agent] = n + 1
        fault = FAULTS[agent % len(FAULTS)] if n < FAULTY else "none"
        # an older genuine list is only a rollback once the agent has a newer one
        if fault == "rollback" and state["phase"] < 2:
            fault = "none"
        if fault != "none":
            state["faults"][fault] = state["faults"].get(fault, 0) + 1
        if fault == "reset":
            return
        if fault in ("404", "500"):
            code = int(fault)
            w.write(response(code, [], b"") )
            state["status"][str(code)] = state["status"].get(str(code), 0) + 1
            return
        if fault == "foreign":
            code, hdrs, body = 200, [], file_body(foreign_dir, name)
        elif fault == "rollback":
            code, hdrs, body = 200, [], file_body(old_dir, name)
        elif fault == "oversize":
            code, hdrs, body = 200, [], os.urandom(cap + 1)
        else:
            code, hdrs, body = await upstream(name, headers)
        state["status"][str(code)] = state["status"].get(str(code), 0) + 1
        if fault == "oversize_chunked":
            w.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            blob = os.urandom(cap + 1)
            for i in range(0, len(blob), 4096):
                c = blob[i:i + 4096]
                w.write(b"%x\r\n" % len(c) + c + b"\r\n")
            w.write(b"0\r\n\r\n")
            return
        if code != 200 or fault == "none" or fault in ("foreign", "rollback", "oversize"):
            w.write(response(code, hdrs, body) + (body if code != 304 else b""))
            return
        if fault == "bitflip":
            b = bytearray(body)
            b[len(b) // 2] ^= 0x10
            w.write(response(code, hdrs, bytes(b)) + bytes(b))
        elif fault == "truncated":
            w.write(response(code, hdrs, body) + body[: len(body) // 2])
        elif fault == "stall":
            w.write(response(code, hdrs, body) + body[:16])
            await w.drain()
            await asyncio.sleep(STALL_S)
        elif fault == "short_length":
            w.write(response(code, hdrs, body, len(body) - 10) + body)
        elif fault == "long_length":
            w.write(response(code, hdrs, body, len(body) + 100) + body)
    except (asyncio.TimeoutError, ConnectionError, OSError, ValueError, IndexError):
        pass
    finally:
        try:
            await w.drain()
            w.close()
        except (ConnectionError, OSError):
            pass


async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", listen_port, backlog=512)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with srv:
        await stop
    # stalled handlers are still asleep: leave without waiting for them
    sys.stdout.flush()
    os._exit(0)


asyncio.run(main())
