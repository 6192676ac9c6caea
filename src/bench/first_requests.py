#!/usr/bin/env python3
"""Splits a load run's latencies into each connection's first request and the later ones.

Reads a pcap written by tcpdump on the loopback interface while wrk runs against the server
(README, Benchmarks: "Where the 1000-connection tail comes from"):

    tcpdump -i lo -s 80 -B 131072 -w run.pcap \\
      'tcp port 18090 and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)'
    python3 src/bench/first_requests.py run.pcap [port]

For every client port it pairs each request packet with the next answer packet (one request in
flight per connection, as wrk sends them) and prints percentiles of request-to-answer time for
the first request of each connection, for all later ones, and the later ones per 250 ms window.
Only packets with a payload are expected (the filter above); IPv4, Ethernet or Linux cooked links.
"""
import collections
import struct
import sys


def packets(path):
    with open(path, 'rb') as f:
        header = f.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        if magic not in (0xa1b2c3d4, 0xa1b23c4d):
            sys.exit(f'{path}: not a little-endian pcap file (pcapng is not read; use tcpdump -w)')
        scale = 1e9 if magic == 0xa1b23c4d else 1e6
        link = struct.unpack('<I', header[20:24])[0]
        offset = {1: 14, 113: 16, 276: 20}.get(link, 0)
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            seconds, fraction, captured, _ = struct.unpack('<IIII', record)
            ip = f.read(captured)[offset:]
            ihl = (ip[0] & 0x0f) * 4
            source, destination = struct.unpack('>HH', ip[ihl:ihl + 4])
            yield seconds + fraction / scale, source, destination


def percentiles(values, qs=(50, 90, 99, 99.5, 99.9, 100)):
    if not values:
        return '-'
    values = sorted(values)
    return ' '.join(f'p{q}={values[min(len(values) - 1, int(len(values) * q / 100))] * 1000:.1f}ms' for q in qs)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 18090
    waiting, seen, first, later = {}, set(), [], []
    start = None
    for time, source, destination in packets(sys.argv[1]):
        start = time if start is None else start
        if destination == port:
            waiting[source] = time
        elif source == port and destination in waiting:
            sent = waiting.pop(destination)
            (later if destination in seen else first).append((sent - start, time - sent))
            seen.add(destination)
    print(f'first request per connection n={len(first)} {percentiles([d for _, d in first])}')
    print(f'later requests               n={len(later)} {percentiles([d for _, d in later])}')
    windows = collections.defaultdict(list)
    for at, duration in later:
        windows[int(at * 4)].append(duration)
    for window, durations in sorted(windows.items()):
        durations.sort()
        print(f'  later, {window / 4:6.2f} s: n={len(durations)} p50={durations[len(durations) // 2] * 1000:.0f}ms'
              f' max={durations[-1] * 1000:.0f}ms')


if __name__ == '__main__':
    main()
