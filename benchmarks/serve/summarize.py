# Prints one line from `wrk --latency` outputs, one per server run side by side: p50 and p99 (the worst
# server's), requests/s (summed; and events/s when a request carries more than one), and the non-2xx count
# when there were any.
#   python3 summarize.py NAME EVENTS_PER_REQUEST WRK_OUTPUT...
import re, sys
name, per, texts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
p50 = p99 = rps = errors = 0
for text in texts:
    p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    p50, p99 = max(p50, p["50"]), max(p99, p["99"])
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    e = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors += int(e.group(1)) if e else 0
line = f"{name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms, {rps:,.0f} requests/s"
if per > 1: line += f", {rps * per:,.0f} events/s"
if errors: line += f", {errors} non-2xx responses"
print(line)
