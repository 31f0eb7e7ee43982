# Prints one line from a `wrk --latency` output: p50, p99, requests/s (and events/s when a request
# carries more than one), and the non-2xx count when there were any.
#   python3 summarize.py NAME WRK_OUTPUT EVENTS_PER_REQUEST
import re, sys
name, text, per = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
line = f"{name}: p50 {p['50']:.2f} ms, p99 {p['99']:.2f} ms, {rps:,.0f} requests/s"
if per > 1: line += f", {rps * per:,.0f} events/s"
if errors: line += f", {errors.group(1)} non-2xx responses"
print(line)
