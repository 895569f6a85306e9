#!/usr/bin/python3
"""A SAMP peer for XSky's tests, on astropy.samp (Debian python3-astropy).

  astropy_peer.py hub  --lockfile F [--seconds N]        an astropy hub writing lock file F
  astropy_peer.py list --lockfile F                      clients, metadata, subscriptions (JSON)
  astropy_peer.py recv --lockfile F --name N [--seconds N] [--mtypes a,b]
        registers as N, prints one JSON line per message received ("READY" first), replies samp.ok
  astropy_peer.py send --lockfile F --to NAME --mtype M [--param k=v]...   call and wait, print reply

Every command ends by itself (--seconds) and only talks to the hub of the lock file given.
"""
import argparse
import json
import signal
import sys
import time

from astropy.samp import SAMPHubServer, SAMPIntegratedClient
from astropy.samp.lockfile_helpers import read_lockfile


def client(args, name):
    c = SAMPIntegratedClient(name=name, description=name, addr="127.0.0.1")
    c.connect(hub_params=read_lockfile(args.lockfile))
    return c


def find(c, name):
    for cid in c.get_registered_clients():
        if c.get_metadata(cid).get("samp.name", "").lower() == name.lower():
            return cid
    return None


def cmd_hub(args):
    hub = SAMPHubServer(web_profile=False, lockfile=args.lockfile, addr="127.0.0.1", timeout=0, client_timeout=0)
    hub.start(wait=False)
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    print("HUB", hub.params["samp.hub.xmlrpc.url"], flush=True)
    end = time.time() + args.seconds
    while time.time() < end and not stop and hub.is_running:
        time.sleep(0.1)
    hub.stop()


def cmd_list(args):
    c = client(args, "peer-lister")
    try:
        out = {cid: {"metadata": c.get_metadata(cid), "subscriptions": sorted(c.get_subscriptions(cid))}
               for cid in c.get_registered_clients()}
        print(json.dumps(out, sort_keys=True), flush=True)
    finally:
        c.disconnect()


def cmd_recv(args):
    c = client(args, args.name)

    def on_call(key, sender, msg_id, mtype, params, extra):
        print(json.dumps({"kind": "call", "mtype": mtype, "params": params, "sender": sender}), flush=True)
        c.reply(msg_id, {"samp.status": "samp.ok", "samp.result": {"received": mtype}})

    def on_notify(key, sender, mtype, params, extra):
        print(json.dumps({"kind": "notify", "mtype": mtype, "params": params, "sender": sender}), flush=True)

    for mtype in args.mtypes.split(","):
        c.bind_receive_call(mtype, on_call)
        c.bind_receive_notification(mtype, on_notify)
    print("READY", c.get_public_id(), flush=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    end = time.time() + args.seconds
    try:
        while time.time() < end and not stop:
            time.sleep(0.1)
    finally:
        c.disconnect()


def cmd_send(args):
    c = client(args, "peer-sender")
    try:
        cid = find(c, args.to)
        if cid is None:
            print("NO CLIENT", args.to, flush=True)
            sys.exit(2)
        params = dict(p.split("=", 1) for p in (args.param or []))
        r = c.call_and_wait(cid, {"samp.mtype": args.mtype, "samp.params": params}, str(int(args.seconds)))
        print(json.dumps(r), flush=True)
    finally:
        c.disconnect()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["hub", "list", "recv", "send"])
    ap.add_argument("--lockfile", required=True)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--name", default="peer-receiver")
    ap.add_argument("--mtypes", default="table.load.votable,image.load.fits,coord.pointAt.sky,spectrum.load.ssa-generic,coverage.load.moc.fits")
    ap.add_argument("--to")
    ap.add_argument("--mtype")
    ap.add_argument("--param", action="append")
    args = ap.parse_args()
    {"hub": cmd_hub, "list": cmd_list, "recv": cmd_recv, "send": cmd_send}[args.cmd](args)


if __name__ == "__main__":
    main()
