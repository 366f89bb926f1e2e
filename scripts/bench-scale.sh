#!/usr/bin/env bash
# The controller at scale against strongSwan's own tools, on a real lab of two charons with N tunnels
# (one IKE_SA and one CHILD_SA per connection, /32 selectors between gateway a's host i and gateway
# b's host i). Every comparison runs alternately (vici4j, reference, vici4j, reference, ...) and reports
# medians and ratios; the results replace the section "Controller at scale (scripts/bench-scale.sh)" of
# docs/PERFORMANCE.md. Run as root after building:
#   ./mvnw -B -ntp -o -q -pl cli,examples -am package -DskipTests
#   scripts/bench-scale.sh [--smoke] [--pairs P] [--idle SECONDS] [--doc|--no-doc] [N]
#   scripts/bench-scale.sh --report-only [--no-doc]   # render the last run's figures again
# N: tunnels (default 1000, at most 1022). --smoke: N=20 (unless N is given), 1 pair, 31 s idle, and
# docs/PERFORMANCE.md is left alone unless --doc is given. Default: 3 pairs, 60 s idle.
# Raw figures go to target/bench-scale/ (results.txt, per-run logs). A full run with N=1000 takes
# about 15-20 minutes. See docs/PERFORMANCE.md for what each comparison measures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

die() { echo "bench-scale: $*" >&2; exit 1; }
log() { echo "bench-scale: $(date +%T) $*" >&2; }

smoke=0 n="" pairs="" idle="" doc="" doc_given="" report_only=0
while (( $# )); do
  case $1 in
    --smoke) smoke=1; shift;;
    --pairs) pairs=${2:?--pairs needs a number}; shift 2;;
    --idle) idle=${2:?--idle needs seconds}; shift 2;;
    --doc) doc=1; doc_given=1; shift;;
    --no-doc) doc=0; doc_given=0; shift;;
    --report-only) report_only=1; shift;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0;;
    -*) die "unknown option '$1' (see --help)";;
    *) [[ -z $n ]] || die "N given twice"; n=$1; shift;;
  esac
done
if (( smoke )); then n=${n:-20}; pairs=${pairs:-1}; idle=${idle:-31}; doc=${doc:-0}
else n=${n:-1000}; pairs=${pairs:-3}; idle=${idle:-60}; doc=${doc:-1}; fi
[[ $n =~ ^[0-9]+$ ]] && (( n >= 1 && n <= 1022 )) || die "N must be a number from 1 to 1022 (vici-lab --hosts)"
[[ $pairs =~ ^[0-9]+$ ]] && (( pairs >= 1 )) || die "--pairs must be a positive number"
[[ $idle =~ ^[0-9]+$ ]] && (( idle >= 1 )) || die "--idle must be a positive number of seconds"
out=$root/target/bench-scale
res=$out/results.txt

# ---------------------------------------------------------------- report
# Renders the section from $out (results.txt, the watch-* files, the charon logs) and, with $doc, puts
# it into docs/PERFORMANCE.md.
report() {
python3 - "$res" "$out" > "$out/section.md" <<'PY'
import math, re, statistics, sys, textwrap
vals, lists = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"([A-Za-z0-9_]+)(\+?)=(.*)$", line.rstrip("\n"))
    if m and m.group(2):
        lists.setdefault(m.group(1), []).append(m.group(3))
    elif m:
        vals[m.group(1)] = m.group(3)
def nums(k):
    return [float(x) for x in lists.get(k, []) if x not in ("", "nan")]
def med(k):
    x = nums(k)
    return statistics.median(x) if x else float("nan")
def ms(x):
    return "n/a" if math.isnan(x) else (f"{x / 1000:.2f} s" if x >= 10000 else f"{x:.0f} ms")
def ratio(a, b):
    return float("nan") if math.isnan(a) or math.isnan(b) or b == 0 else a / b
def rstr(r):
    return "n/a" if math.isnan(r) else f"{r:.2f}x"
def yes(ok):
    return "yes" if ok else "**no**"
def runs(k):
    return ", ".join(ms(float(x)) if x not in ("", "nan") else "n/a" for x in lists.get(k, []))
n = int(vals["n"])
rows, notes = [], []

a, b = med("apply_cold_ours"), med("apply_cold_ref"); r = ratio(a, b)
rows.append(("`vici apply --wait 0` of N connections (ensure: loaded), cold JVM, vs `swanctl --load-conns`",
             ms(a), ms(b), rstr(r), "<= 1.5x", yes(r <= 1.5)))
fr, vv, sv = med("first_request"), med("vici_version"), med("swanctl_version")
rows.append(("... of which before the first request to charon (JVM start, YAML of N connections, client)",
             ms(fr), "", f"{fr / a * 100:.0f}% of the apply" if a == a and fr == fr else "", "(reported)", ""))
rows.append(("`vici version` (cold JVM, one request) vs `swanctl --version --daemon`", ms(vv), ms(sv), rstr(ratio(vv, sv)),
             "(reported)", ""))

a, b = med("apply_warm_ours"), med("apply_warm_ref"); r = ratio(a, b)
rows.append(("Java API in a warm JVM (ApplyBench: YAML to DesiredState, Controller to first pass) vs `swanctl --load-conns`",
             ms(a), ms(b), rstr(r), "<= 0.8x", yes(r <= 0.8)))

a, b = med("apply_again_ours"), med("apply_again_ref"); r = ratio(a, b)
reqs = vals.get("apply_again_requests", "")
noload = bool(reqs) and "load-conn" not in reqs
rows.append(("`vici apply` of the unchanged file again vs `swanctl --load-conns` again", ms(a), ms(b), rstr(r),
             "<= 1.0x, no load-conn", yes(r <= 1.0 and noload) + ("" if noload else " (load-conn sent)")))

def bring(prefix, label, target):
    a, b = med(prefix + "_ours"), med(prefix + "_ref"); r = ratio(a, b)
    inst = [int(x) for x in lists.get(prefix + "_ours_installed", [])]
    ref_inst = [int(x) for x in lists.get(prefix + "_ref_installed", [])]
    all_n = bool(inst) and min(inst) >= n
    ours_txt = ms(a) + ("" if all_n else f" ({min(inst) if inst else 0} of {n} at worst)")
    ref_txt = ms(b) + (f" ({min(ref_inst)}-{max(ref_inst)} of {n})" if ref_inst and min(ref_inst) < n else "")
    rows.append((label, ours_txt, ref_txt, rstr(r), target, yes(all_n and r <= 0.6)))
bring("up", "bring-up of N `ensure: up` by `vici controller` from a fresh charon, until all N INSTALLED, vs `start_action = start` (swanctl) until its maximum", "all N, <= 0.6x")
bring("rec", "recovery after `vici-lab restart` of charon a (config lost) with the controller running, until all N back, vs restart + the same `start_action = start` load", "all N back, <= 0.6x")

# ---- derived: the phases of each bring-up/recovery run (watch-* files) and charon's own log counts
import os
outdir = sys.argv[2]
def watch(kind, who, p):
    d, path = {}, f"{outdir}/watch-{kind}-{who}-{p}"
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                d[k] = v
    return d
def phases(kind, who):
    """per run: (ms from the start to the first install, ms from there to the end, installs, timeline, start ms)"""
    out_ = []
    for p, tot in enumerate(lists.get(f"{kind}_{who}", []), 1):
        w = watch(kind, who, p)
        if not w or tot in ("", "nan") or w.get("first_ms", "0") == "0":
            continue
        end = int(w["reached_ms"]) if w.get("reached_ms", "0") != "0" else int(w["last_ms"])
        t0, first = end - float(tot), int(w["first_ms"])
        tl = [tuple(map(int, x.split(":"))) for x in w.get("timeline", "").split()]
        out_.append((first - t0, end - first, int(w["installed"]), tl))
    return out_
def at_count(ph, k):
    """ms from the start until the run had k installed (timeline: 1 s buckets, upper bound)"""
    first, _, _, tl = ph
    for sec, c in tl:
        if c >= k:
            return first + (sec + 1) * 1000
    return float("nan")
def log_runs(name):
    path = f"{outdir}/{name}"
    if not os.path.exists(path):
        return None
    runs_, cur = [], None
    pats = {"gave_up": "giving up after", "ignored": "per-IP half-open IKE_SA limit",
            "cookies": "IKE_SA_INIT response 0 [ N(COOKIE) ]", "retransmits": "] retransmit "}
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("--- vici-lab: starting charon"):
                cur = dict.fromkeys(pats, 0)
                runs_.append(cur)
            elif cur is not None:
                for k, pat in pats.items():
                    if pat in line:
                        cur[k] += 1
    return runs_
npairs = int(vals["pairs"])
la, lb = log_runs("charon-a.log"), log_runs("charon-b.log")
def charon_counts(kind, who):
    """(IKE_SAs charon a gave up on, IKE_SA_INITs charon b ignored) summed over the runs of one kind"""
    if la is None or lb is None or len(la) != 1 + 4 * npairs or len(lb) != 1 + 2 * npairs:
        return None
    off = {("up", "ours"): 1, ("rec", "ours"): 2, ("up", "ref"): 3, ("rec", "ref"): 4}[(kind, who)]
    gave = sum(la[4 * p + off]["gave_up"] for p in range(npairs))
    return gave
def responder_counts(who):
    """(ignored IKE_SA_INITs, cookies demanded) at charon b over bring-ups and recoveries of one side"""
    if lb is None or len(lb) != 1 + 2 * npairs:
        return None
    idx = [1 + 2 * p + (0 if who == "ours" else 1) for p in range(npairs)]
    return sum(lb[i]["ignored"] for i in idx), sum(lb[i]["cookies"] for i in idx)
reading = []
for kind, label in (("up", "bring-up"), ("rec", "recovery")):
    po, pr = phases(kind, "ours"), phases(kind, "ref")
    if not po or not pr:
        continue
    fo = statistics.median(x[0] for x in po)
    rate = statistics.median(x[2] / (x[1] / 1000) for x in po if x[1] > 0) if any(x[1] > 0 for x in po) else float("nan")
    fr_ = statistics.median(x[0] for x in pr)
    ref_max = [x[2] for x in pr]
    same = [at_count(o, r[2]) for o, r in zip(po, pr)]
    same_med = statistics.median(same) if same else float("nan")
    ref_med = med(kind + "_ref")
    g_o, g_r = charon_counts(kind, "ours"), charon_counts(kind, "ref")
    ours_max = [x[2] for x in po]
    text = (f"- {label}: vici4j's first CHILD_SA was installed {ms(fo)} after the start (median), then "
            f"{rate:.0f} per second until " + (f"all {n}" if min(ours_max) >= n else f"{min(ours_max)}-{max(ours_max)} of {n}")
            + f"; the reference's first after {ms(fr_)}, and it " + (f"reached all {n}" if min(ref_max) >= n else
            f"stopped at {min(ref_max)}-{max(ref_max)} of {n}"))
    if g_r is not None:
        text += (f" (charon a gave up on {g_r} IKE_SAs of the reference's {label} runs, \"giving up after 5 retries\"; "
                 f"{g_o} in vici4j's)")
    if min(ref_max) < n:
        text += (f". At the count the reference reached, vici4j was {ms(same_med)} after the start "
                 f"(median, 1 s resolution) against the reference's {ms(ref_med)}: {rstr(ratio(same_med, ref_med))}")
    reading.append(text + ".")
rc_o, rc_r = responder_counts("ours"), responder_counts("ref")
if rc_o is not None:
    reading.append(f"- the responder, charon b, ignored {rc_r[0]} IKE_SA_INITs beyond its per-IP half-open limit of 5 "
                   f"(`block_threshold`) and demanded {rc_r[1]} cookies during the reference's runs; during vici4j's, "
                   f"whose initiate window keeps at most 3 IKE_SAs per peer negotiating (the default), {rc_o[0]} and "
                   f"{rc_o[1]} (charon's `cookie_threshold_ip` is 3: a new IKE_SA_INIT that finds 3 of the peer's "
                   f"IKE_SAs still half-open at the responder, because the responder's count lags the initiator's "
                   f"`ike-updown`, costs a cookie round trip).")
cp = lists.get("idle_cpu_profile")
if cp:
    ticks = [int(x) for x in cp[0].split()]
    hz = float(vals.get("clk_tck", "100"))
    busy = sorted(ticks, reverse=True)
    if sum(ticks):
        top = sum(busy[:2 * max(1, int(vals.get("idle_bursts", "1")))]) / sum(ticks) * 100
        reading.append(f"- idle CPU, per second of the window (ticks of 1/{hz:.0f} s): {' '.join(map(str, ticks))}; "
                       f"the busiest seconds (two per resync) hold {top:.0f}% of it.")

tot, within = sum(nums("fresh_total")), sum(nums("fresh_within"))
frac = within / tot if tot else float("nan")
p99 = max(nums("fresh_p99_ms")) if nums("fresh_p99_ms") else float("nan")
mx = max(nums("fresh_max_ms")) if nums("fresh_max_ms") else float("nan")
rows.append(("status freshness during bring-up: children reported `installed` in the status file within 3 s of charon's child-updown",
             f"{frac * 100:.2f}% ({int(within)} of {int(tot)}; p99 {ms(p99)}, max {ms(mx)})", "", "", ">= 99.5%", yes(frac >= 0.995)))

cpu = float(vals.get("idle_cpu_pct", "nan"))
rows.append((f"idle, N up, {vals['idle']} s: controller CPU (utime+stime)", f"{cpu:.2f}% of one core", "", "", "<= 1%", yes(cpu <= 1.0)))
nb = int(vals.get("idle_bursts", "0")); nr = int(vals.get("idle_requests", "0"))
per = nr / nb if nb else float("nan")
rows.append(("idle: requests per resync (charon a's own log of vici requests)",
             f"{per:.0f} ({nr} in {nb} resync(s): {vals.get('idle_request_kinds', '')})" if nb else f"no resync in the window ({nr} requests)",
             "", "", "<= 10", yes(nb > 0 and per <= 10)))
rss = int(vals.get("idle_rss_kb", "0")) / 1024
rows.append(("idle: controller resident memory (VmRSS), bin/vici's controller JVM settings", f"{rss:.0f} MB", "", "", "<= 200 MB", yes(rss <= 200)))

pairs = vals["pairs"]
dur = int(vals["duration_s"])
smoke = vals.get("smoke") == "1"
out = []
out.append("# Controller at scale (scripts/bench-scale.sh)")
out.append("")
out.append("`scripts/bench-scale.sh [--smoke] [N]` (as root, after `./mvnw -B -ntp -o -q -pl cli,examples -am package "
           "-DskipTests`) builds a lab of two gateways with N tunnels (`vici-lab create --hosts N a:libipsec b:libipsec`; "
           "connection `ci` has one IKE_SA and one CHILD_SA, PSK, `aes128-sha256-x25519` / `aes128gcm16`, /32 selectors "
           "between gateway a's host i and gateway b's host i) and compares vici4j with strongSwan's own tools, "
           "alternately (vici4j, reference, vici4j, reference, ...). The configurations come from one generator: the "
           "YAML for vici4j and the equivalent swanctl.conf for swanctl, one wildcard PSK in both. Raw figures of the "
           "last run: `target/bench-scale/`.")
out.append("")
if smoke:
    out.append("**Smoke run** (`--smoke`): N=%d, %s pair(s); the figures only show that the script works." % (n, pairs))
    out.append("")
out.append(f"Run of {vals['date']}: N = {n}, {pairs} pair(s) per comparison (warm JVM: {len(lists.get('apply_warm_ours', []))} "
           f"measured pairs after warm-up), idle window {vals['idle']} s; the whole run took {dur // 60} min {dur % 60} s. "
           f"Machine: {vals['machine_nproc']} CPUs ({vals['machine_cpu']}{'; systemd-detect-virt: ' + vals['machine_virt'] if vals.get('machine_virt') and vals['machine_virt'] != 'none' else ''}), "
           f"{vals['machine_ram']} RAM, Linux {vals['machine_kernel']}, {vals['machine_strongswan']}, JDK {vals['machine_jdk']}. "
           f"Load average {vals['machine_load_start']} at the start, {vals['machine_load_end']} at the end: the machine "
           "is shared with other work, so single figures are noisy; medians of alternated runs are what the table shows.")
out.append("")
out.append("| comparison | vici4j median | reference median | ratio | target | met? |")
out.append("| --- | ---: | ---: | ---: | --- | --- |")
for row in rows:
    out.append("| " + " | ".join(row) + " |")
out.append("")
out.append("Every run (vici4j; reference):")
out.append("")
out.append(f"- cold apply: {runs('apply_cold_ours')}; {runs('apply_cold_ref')}. Before the first request: {runs('first_request')}. "
           f"`vici version`: {runs('vici_version')}; `swanctl --version --daemon`: {runs('swanctl_version')}.")
out.append(f"- warm JVM: {runs('apply_warm_ours')}; {runs('apply_warm_ref')}.")
out.append(f"- unchanged apply: {runs('apply_again_ours')}; {runs('apply_again_ref')}. Requests of one unchanged "
           f"`vici --debug apply`: `{reqs or 'n/a'}`.")
def counts(k):
    return ", ".join(lists.get(k, []))
out.append(f"- bring-up: {runs('up_ours')} (installed: {counts('up_ours_installed')}); {runs('up_ref')} "
           f"(installed at the maximum: {counts('up_ref_installed')}).")
out.append(f"- recovery: {runs('rec_ours')} (installed: {counts('rec_ours_installed')}); {runs('rec_ref')} "
           f"(installed at the maximum: {counts('rec_ref_installed')}).")
out.append(f"- freshness per bring-up: within 3 s {counts('fresh_within')} of {counts('fresh_total')}, never reported "
           f"{counts('fresh_never')}; median delay {', '.join(ms(float(x)) for x in lists.get('fresh_p50_ms', []))}.")
out.append(f"- idle: {vals.get('idle_installed', '?')} CHILD_SAs INSTALLED at the end of the window; requests per burst "
           f"{vals.get('idle_burst_sizes', '') or 'none'}; JVM options `{vals.get('idle_jvm_opts', '')}`.")
if reading:
    out.append("")
    out.append("Where the time goes (from the same runs: `target/bench-scale/watch-*` and the charon logs):")
    out.append("")
    out.extend(reading)
out.append("")
out.append("How each figure is taken:")
out.append("")
out.append("- **Loads** (cold, unchanged, warm): wall time of the command (`date +%s%N` around it; in ApplyBench "
           "`System.nanoTime()` around the apply and around the `swanctl` process). Before every cold and warm run "
           "`swanctl --load-conns` of an empty file unloads every connection (a charon without connections, the "
           "ownership record removed); the apply also loads the one PSK (one `load-shared` more than swanctl). "
           "The unchanged apply runs after an untimed apply that wrote the ownership record; its reference is "
           "`swanctl --load-conns` of a file already loaded (swanctl sends every `load-conn` again). The time before "
           "the first request comes from extra untimed runs of `vici --debug apply` (the first `request 'version'` "
           "log line against the launch time; debug logging itself adds a little). ApplyBench "
           "(`examples/.../bench/ApplyBench.java`) keeps one client open, reads the YAML into a `DesiredState`, "
           "builds a `Controller`, starts it, waits for `firstPass()` (charon observed, the plan's loads executed: "
           "what `vici apply --wait 0` waits for) and closes it, checking that N `load-conn` were sent.")
out.append("- **Bring-up and recovery**: both charons are restarted (no SAs, no configuration) and b gets its "
           "responder configuration with swanctl before each bring-up. The clock starts just before `vici controller` "
           "is launched (its JVM start is included) or `swanctl --load-all` of the `start_action = start` file runs, and "
           "for recovery just before `vici-lab restart LAB a` (the reference then loads the same file with swanctl right "
           "after the restart; the controller notices the restart and re-applies by itself). The end is the arrival of "
           "the `child-updown` event that makes N children INSTALLED in charon a, seen by a subscriber "
           "(`InstallWatch`, a separate JVM using the vici4j client); for the reference, the last install before the "
           "count stopped growing for 50 s (or reached N): charon retransmits an unanswered IKE_SA_INIT after 4, 7.2, "
           "13, 23 and 42 s, and with the responder dropping requests beyond its per-IP half-open limit the count "
           "grows in waves with gaps longer than 10 s (a trial at N=200 stopped at 27 of 200 with a 10 s limit). "
           "The count is checked against `list-sas` at the end; `target/bench-scale/watch-*` have the install "
           "timeline of every run.")
out.append("- **Freshness**: the status file has no per-child timestamp in this version, so `InstallWatch` records when "
           "each child's `child-updown` (up, INSTALLED) reaches it and, reading the status file whenever its "
           "modification time changes (checked every 200 ms), when the child is first `installed` there; the delay "
           "is the difference (the controller coalesces status-file writes to one per 100 ms; the 200 ms check is "
           "included in the figure).")
out.append("- **Idle**: after the first bring-up and 5 s of quiet, over the idle window: the controller JVM's "
           "utime+stime from `/proc/PID/stat` divided by the elapsed time; VmRSS at the end; and the requests that "
           "charon a logged (its file log raised to `cfg = 2` for the window with `swanctl --reload-settings`, which "
           "logs every `vici client N requests: ...` and event registration; a streamed command such as `list-sas` counts as "
           "one request, its `list-sa` registration not; nothing else talks to charon a then), "
           "grouped into bursts (requests less than 3 s apart), one burst per resync (`controller.resync` default 30 s).")
def wrap(line):
    if not line or line[0] in "|#":
        return line
    return textwrap.fill(line, width=100, subsequent_indent="  " if line.startswith("- ") else "",
                         break_long_words=False, break_on_hyphens=False)
print("\n".join(wrap(line) for line in out))
PY
echo
cat "$out/section.md"
echo
if (( doc )); then
  python3 - docs/PERFORMANCE.md "$out/section.md" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n") + "\n"
text = open(path).read()
head = "# Controller at scale (scripts/bench-scale.sh)"
m = re.search(r"^" + re.escape(head) + r"$", text, flags=re.M)
if m is None:
    text = text.rstrip("\n") + "\n\n" + section
else:
    nxt = re.search(r"^# ", text[m.end():], flags=re.M)
    rest = text[m.end() + nxt.start():] if nxt else ""
    text = text[:m.start()] + section + ("\n" + rest if rest else "")
open(path, "w").write(text)
PY
  log "wrote the section into docs/PERFORMANCE.md"
else
  log "docs/PERFORMANCE.md left alone (--smoke without --doc, or --no-doc)"
fi
}

if (( report_only )); then
  [[ -f $res ]] || die "no figures to render: $res is missing (run the benchmark first)"
  doc=${doc_given:-1}
  [[ $(sed -n 's/^smoke=//p' "$res") != 1 || -n $doc_given ]] || doc=0
  started=$(date +%s)
  report
  exit 0
fi

# ---------------------------------------------------------------- prerequisites
[[ $(id -u) -eq 0 ]] || die "run as root (network namespaces and charon need root)"
[[ -f cli/target/vici.jar ]] || die "cli/target/vici.jar is missing; build first: ./mvnw -B -ntp -o -q -pl cli,examples -am package -DskipTests"
examples_jar=$(ls examples/target/examples-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -n 1 || true)
[[ -n $examples_jar && -d examples/target/lib ]] || die "examples/target/examples-*.jar or examples/target/lib is missing; build first: ./mvnw -B -ntp -o -q -pl cli,examples -am package -DskipTests"
[[ $examples_jar -nt examples/src/main/java/org/vici4j/examples/bench/InstallWatch.java ]] || die "$examples_jar is older than the bench helpers' sources; rebuild: ./mvnw -B -ntp -o -q -pl cli,examples -am package -DskipTests"
command -v python3 >/dev/null || die "needs python3 (configuration generator, statistics)"
command -v swanctl >/dev/null || die "needs swanctl (apt-get install -y strongswan-swanctl)"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -version >/dev/null 2>&1 || die "needs Java 17+ (java on PATH or JAVA_HOME)"
bin/vici-lab check >/dev/null || { bin/vici-lab check >&2 || true; die "this machine cannot run a charon lab (see above)"; }
helper_cp="$examples_jar:examples/target/lib/*"
helper() { "$java" -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$helper_cp" "org.vici4j.examples.bench.$1" "${@:2}"; }

rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d /tmp/bench-scale.XXXXXX)
: > "$res"
rec() { local k=$1; shift; echo "$k=$*" >> "$res"; }   # one value (or the last one wins)
add() { echo "$1+=$2" >> "$res"; }                        # a list of values

lab="" ctl_pid="" watch_pid=""
cleanup() {
  local rc=$?
  [[ -z $watch_pid ]] || kill "$watch_pid" 2>/dev/null || true
  [[ -z $ctl_pid ]] || { kill "$ctl_pid" 2>/dev/null || true; wait "$ctl_pid" 2>/dev/null || true; }
  [[ -z $lab ]] || bin/vici-lab destroy "$lab" >/dev/null 2>&1 || true
  rm -rf "$work"
  (( rc == 0 )) || echo "bench-scale: failed (exit $rc); partial figures in $res, logs in $out" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
log "N=$n pairs=$pairs idle=${idle}s; raw figures in $out"

# ---------------------------------------------------------------- configurations
# a-loaded.yaml / a.conf: the N connections for the load comparisons (ensure: loaded, no start_action);
# a-up.yaml / a-start.conf: the same with ensure: up / start_action = start; b.conf: the responder.
# One PSK without owners (charon's wildcard), so all files carry exactly one secret.
python3 - "$n" "$work" <<'PY'
import ipaddress, sys
n, out = int(sys.argv[1]), sys.argv[2]
ip = lambda x: str(ipaddress.ip_address(x))
A0, B0 = int(ipaddress.ip_address("198.18.0.0")), int(ipaddress.ip_address("198.18.4.0"))
PSK = "bench-scale-psk"
def conns(side):
    me, peer = ("a", "b") if side == "a" else ("b", "a")
    la, ra = ("192.0.2.1", "192.0.2.2") if side == "a" else ("192.0.2.2", "192.0.2.1")
    lo, ro = (A0, B0) if side == "a" else (B0, A0)
    for i in range(1, n + 1):
        yield i, me, peer, la, ra, ip(lo + i) + "/32", ip(ro + i) + "/32"
def yaml(side, ensure):
    s = ["controller:", "  owner: bench-scale", "connections:"]
    for i, me, peer, la, ra, lts, rts in conns(side):
        s += [f"  c{i}:", f"    local_addrs: {la}", f"    remote_addrs: {ra}", "    proposals: aes128-sha256-x25519",
              "    local:", "      auth: psk", f"      id: {me}-{i}", "    remote:", "      auth: psk",
              f"      id: {peer}-{i}", "    children:", f"      c{i}:", f"        local_ts: {lts}",
              f"        remote_ts: {rts}", "        esp_proposals: aes128gcm16", f"        ensure: {ensure}"]
    return "\n".join(s + ["secrets:", "  ike-bench:", f"    secret: {PSK}"]) + "\n"
def conf(side, start):
    s = ["connections {"]
    for i, me, peer, la, ra, lts, rts in conns(side):
        s += [f"  c{i} {{", f"    local_addrs = {la}", f"    remote_addrs = {ra}", "    proposals = aes128-sha256-x25519",
              "    local {", "      auth = psk", f"      id = {me}-{i}", "    }",
              "    remote {", "      auth = psk", f"      id = {peer}-{i}", "    }",
              "    children {", f"      c{i} {{", f"        local_ts = {lts}", f"        remote_ts = {rts}",
              "        esp_proposals = aes128gcm16"] + (["        start_action = start"] if start else []) + \
             ["      }", "    }", "  }"]
    return "\n".join(s + ["}", "secrets {", "  ike-bench {", f"    secret = {PSK}", "  }", "}"]) + "\n"
files = {"a-loaded.yaml": yaml("a", "loaded"), "a-up.yaml": yaml("a", "up"), "a.conf": conf("a", False),
         "a-start.conf": conf("a", True), "b.conf": conf("b", False), "empty.conf": "connections {\n}\n"}
for name, text in files.items():
    with open(f"{out}/{name}", "w") as f:
        f.write(text)
PY
# swanctl --load-all also reads credential folders beside the file: give it empty ones
for d in x509 x509ca x509ocsp x509aa x509ac x509crl pubkey private rsa ecdsa bliss pkcs8 pkcs12; do mkdir -p "$work/$d"; done

# ---------------------------------------------------------------- lab
log "creating the lab (--hosts $n)"
lab=$(bin/vici-lab create --owner $$ --hosts "$n" a:libipsec b:libipsec)
info_a=$(bin/vici-lab info "$lab" a)
A=$(tr ' ' '\n' <<<"$info_a" | sed -n 's/^uri=//p')
conf_a=$(tr ' ' '\n' <<<"$info_a" | sed -n 's/^conf=//p')
log_a=$(tr ' ' '\n' <<<"$info_a" | sed -n 's/^log=//p')
cp "$conf_a" "$work/strongswan-a.conf"
export VICI_URI=$A

# ---------------------------------------------------------------- machine
rec machine_nproc "$(nproc)"
rec machine_cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
rec machine_ram "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
rec machine_kernel "$(uname -r)"
rec machine_virt "$(systemd-detect-virt 2>/dev/null || true)"
rec machine_strongswan "$(swanctl --version --daemon --uri "$A" 2>/dev/null | head -n 1)"
rec machine_jdk "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p') ($("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.name = //p'))"
rec machine_load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
rec n "$n"
rec pairs "$pairs"
rec idle "$idle"
rec date "$(date -u +%Y-%m-%d)"
rec smoke "$smoke"

# bin/vici makes its class-data-sharing archive (one per JVM option set: commands, controller) in the
# background on first use; make both now so that no timed run pays for it.
log "preparing bin/vici's class-data-sharing archives"
bin/vici --version >/dev/null
bin/vici controller --help >/dev/null 2>&1 || true
cds_dir=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/vici
for _ in $(seq 1 600); do
  compgen -G "$cds_dir/*.lock" >/dev/null || break
  sleep 0.1
done
bin/vici --version >/dev/null; bin/vici version >/dev/null

# ---------------------------------------------------------------- helpers
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }  # milliseconds since a date +%s%N value
unload_a() { swanctl --load-conns --file "$work/empty.conf" --uri "$A" >/dev/null; }
conns_a() { swanctl --list-conns --raw --uri "$A" | grep -c '^list-conn event' || true; }
check_conns() { local c; c=$(conns_a); [[ $c == "$n" ]] || die "$1: charon a has $c connections, expected $n"; }

vici_apply() { # OWNERSHIP_FILE [--debug]: vici apply --wait 0 of a-loaded.yaml; stdout discarded
  local own=$1; shift
  bin/vici "$@" --uri "$A" apply --wait 0 -f "$work/a-loaded.yaml" --ownership-file "$own" >/dev/null
}
swanctl_load() { swanctl --load-conns --file "$work/a.conf" --uri "$A" >/dev/null; }

# ================================================================ 1. cold apply
log "1/4 cold vici apply --wait 0 vs swanctl --load-conns, $pairs pair(s)"
for p in $(seq 1 "$pairs"); do
  unload_a; rm -f "$work/own.json"
  t=$(date +%s%N); vici_apply "$work/own.json"; add apply_cold_ours "$(ms_since "$t")"
  check_conns "cold apply"
  unload_a
  t=$(date +%s%N); swanctl_load; add apply_cold_ref "$(ms_since "$t")"
  check_conns "swanctl --load-conns"
  # not timed with the pair: the time to the first request (from --debug's timestamps), and vici version
  unload_a; rm -f "$work/own.json"
  launch=$(date +%s%N)
  vici_apply "$work/own.json" --debug 2>"$out/apply-debug-$p.log"
  add first_request "$(python3 - "$launch" "$out/apply-debug-$p.log" <<'PY'
import datetime, re, sys
launch_ns, path = int(sys.argv[1]), sys.argv[2]
launch = datetime.datetime.fromtimestamp(launch_ns / 1e9)
for line in open(path, errors="replace"):
    m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) .*DefaultViciClient - request 'version'", line)
    if m:
        h, mi, s, ms = map(int, m.groups())
        t = launch.replace(hour=h, minute=mi, second=s, microsecond=ms * 1000)
        if t < launch - datetime.timedelta(hours=12):
            t += datetime.timedelta(days=1)
        print(round((t - launch).total_seconds() * 1000))
        break
else:
    print("nan")
PY
)"
  t=$(date +%s%N); bin/vici --uri "$A" version >/dev/null; add vici_version "$(ms_since "$t")"
  t=$(date +%s%N); swanctl --version --daemon --uri "$A" >/dev/null; add swanctl_version "$(ms_since "$t")"
done

# ================================================================ 2. unchanged apply
log "2/4 vici apply of the unchanged file vs swanctl --load-conns again, $pairs pair(s)"
for p in $(seq 1 "$pairs"); do
  unload_a; rm -f "$work/own.json"
  vici_apply "$work/own.json"
  t=$(date +%s%N); vici_apply "$work/own.json"; add apply_again_ours "$(ms_since "$t")"
  check_conns "unchanged apply"
  unload_a
  swanctl_load
  t=$(date +%s%N); swanctl_load; add apply_again_ref "$(ms_since "$t")"
  check_conns "swanctl --load-conns again"
done
vici_apply "$work/own.json"   # the record matches charon (the last pair's reference loaded the same)
vici_apply "$work/own.json" --debug 2>"$out/apply-again-debug.log"
rec apply_again_requests "$(sed -n 's/^vici: debug: requests sent to charon: //p' "$out/apply-again-debug.log" | tail -n 1)"

# ================================================================ 3. warm JVM
if (( smoke )); then warm_warmup=2 warm_pairs=3; else warm_warmup=5 warm_pairs=$(( pairs > 10 ? pairs : 10 )); fi
log "3/4 Java API in a warm JVM (ApplyBench) vs swanctl --load-conns, $warm_warmup warm-up + $warm_pairs pairs"
helper ApplyBench --uri "$A" --file "$work/a-loaded.yaml" --conf "$work/a.conf" --empty "$work/empty.conf" \
  --warmup "$warm_warmup" --pairs "$warm_pairs" > "$out/applybench.txt"
sed -n 's/^ours_ms=/apply_warm_ours+=/p; s/^ref_ms=/apply_warm_ref+=/p' "$out/applybench.txt" >> "$res"

# ================================================================ 4. bring-up, recovery, freshness, idle
fresh_charons() { # both daemons restarted (no SAs, no config), b loaded as responder with swanctl
  bin/vici-lab restart "$lab" a
  bin/vici-lab restart "$lab" b
  bin/vici-lab load "$lab" b "$work/b.conf" >/dev/null
}
bring_up_timeout=$(( n / 2 > 180 ? n / 2 : 180 ))
# The reference's maximum: its count must not grow for this long. charon retransmits an unanswered
# IKE_SA_INIT after 4, 7.2, 13, 23 and 42 s (then gives up), and the responder drops requests beyond its
# per-IP half-open limit, so a start_action = start load grows in waves with gaps longer than 10 s.
ref_quiet=50
start_watch() { # OUT ARGS...: starts InstallWatch on charon a, returns once it is subscribed
  local wout=$1; shift
  rm -f "$wout" "$wout.stdout"
  helper InstallWatch --uri "$A" --expect "$n" --out "$wout" --timeout "$bring_up_timeout" "$@" \
    >"$wout.stdout" 2>"$wout.err" &
  watch_pid=$!
  local i
  for i in $(seq 1 600); do
    grep -q '^ready' "$wout.stdout" 2>/dev/null && return 0
    kill -0 "$watch_pid" 2>/dev/null || die "InstallWatch ended early: $(cat "$wout.err")"
    sleep 0.05
  done
  die "InstallWatch did not get ready in 30 s: $(cat "$wout.err")"
}
end_watch() { # OUT T0 PREFIX: waits for InstallWatch, records PREFIX_ms (time to N, else to the last install) and counts
  local wout=$1 t0=$2 prefix=$3
  wait "$watch_pid" || die "InstallWatch failed: $(cat "$wout.err")"
  watch_pid=""
  local reached last installed t0ms=$(( t0 / 1000000 ))
  reached=$(sed -n 's/^reached_ms=//p' "$wout"); last=$(sed -n 's/^last_ms=//p' "$wout")
  installed=$(sed -n 's/^installed=//p' "$wout")
  if [[ $reached != 0 ]]; then add "${prefix}" "$(( reached - t0ms ))"
  elif [[ $last != 0 ]]; then add "${prefix}" "$(( last - t0ms ))"
  else add "${prefix}" nan; fi
  add "${prefix}_installed" "$installed"
  add "${prefix}_listed" "$(sed -n 's/^listed_installed=//p' "$wout")"
  log "  $prefix: $installed of $n installed ($(sed -n 's/^end=//p' "$wout")), $(grep "^${prefix}+=" "$res" | tail -n 1 | cut -d= -f2) ms"
}
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }

for p in $(seq 1 "$pairs"); do
  # ---- vici4j: vici controller from a fresh charon
  log "4/4 pair $p/$pairs: vici controller bring-up"
  fresh_charons
  rm -rf "$work/st"; mkdir -p "$work/st"
  start_watch "$out/watch-up-ours-$p" --quiet 60 --status-file "$work/st/status.json"
  t0=$(date +%s%N)
  bin/vici --uri "$A" controller -f "$work/a-up.yaml" --status-file "$work/st/status.json" \
    >"$out/controller-$p.out" 2>"$out/controller-$p.err" &
  ctl_pid=$!
  end_watch "$out/watch-up-ours-$p" "$t0" up_ours
  w=$out/watch-up-ours-$p
  for k in fresh_total fresh_within fresh_never fresh_p50_ms fresh_p99_ms fresh_max_ms; do
    add "$k" "$(sed -n "s/^$k=//p" "$w")"
  done
  kill -0 "$ctl_pid" 2>/dev/null || die "the controller ended: $(tail -n 5 "$out/controller-$p.err")"

  if (( p == 1 )); then
    # ---- idle with N up: CPU, memory, and the requests charon a receives (its own log, vici at level 2)
    log "  idle ${idle}s with $n up"
    sleep 5
    sed 's/^\([[:space:]]*\)default = 1$/\1default = 1\n\1cfg = 2/' "$work/strongswan-a.conf" > "$conf_a"
    swanctl --reload-settings --uri "$A" >/dev/null
    mark=$(wc -l < "$log_a")
    ticks0=$(cpu_ticks "$ctl_pid"); t=$(date +%s%N)
    profile="" prev=$ticks0
    for _ in $(seq 1 "$idle"); do   # the CPU of every second of the window (where it goes: resyncs or not)
      sleep 1; cur=$(cpu_ticks "$ctl_pid"); profile+="$((cur - prev)) "; prev=$cur
    done
    ticks1=$(cpu_ticks "$ctl_pid"); el=$(ms_since "$t")
    add idle_cpu_profile "$profile"
    rec clk_tck "$(getconf CLK_TCK)"
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$ctl_pid/status")
    tail -n +"$((mark + 1))" "$log_a" > "$out/idle-charon-a.log"
    cp "$work/strongswan-a.conf" "$conf_a"
    swanctl --reload-settings --uri "$A" >/dev/null
    rec idle_cpu_pct "$(awk -v d=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v ms="$el" 'BEGIN {printf "%.3f", d / hz / (ms / 1000) * 100}')"
    rec idle_rss_kb "$rss"
    rec idle_elapsed_ms "$el"
    rec idle_installed "$(swanctl --list-sas --raw --uri "$A" | grep -o 'state=INSTALLED' | wc -l)"
    rec idle_jvm_opts "$(tr '\0' ' ' < "/proc/$ctl_pid/cmdline" | sed 's/ -cp .*//; s/^[^ ]* //')"
  fi

  log "4/4 pair $p/$pairs: vici controller recovery after charon a restarts"
  start_watch "$out/watch-rec-ours-$p" --quiet 60 --after-restart
  t0=$(date +%s%N)
  bin/vici-lab restart "$lab" a
  end_watch "$out/watch-rec-ours-$p" "$t0" rec_ours
  kill -TERM "$ctl_pid"; wait "$ctl_pid" || true; ctl_pid=""

  # ---- reference: swanctl --load-all with start_action = start
  log "4/4 pair $p/$pairs: start_action = start bring-up"
  fresh_charons
  start_watch "$out/watch-up-ref-$p" --quiet "$ref_quiet"
  t0=$(date +%s%N)
  swanctl --load-all --noprompt --file "$work/a-start.conf" --uri "$A" >/dev/null
  end_watch "$out/watch-up-ref-$p" "$t0" up_ref

  log "4/4 pair $p/$pairs: start_action = start after charon a restarts"
  start_watch "$out/watch-rec-ref-$p" --quiet "$ref_quiet" --after-restart
  t0=$(date +%s%N)
  bin/vici-lab restart "$lab" a
  swanctl --load-all --noprompt --file "$work/a-start.conf" --uri "$A" >/dev/null
  end_watch "$out/watch-rec-ref-$p" "$t0" rec_ref
done

# idle: the requests in the window, grouped into bursts (a resync sends its requests within a second or two)
python3 - "$out/idle-charon-a.log" >> "$res" <<'PY'
import collections, datetime, re, sys
reqs = []
for line in open(sys.argv[1], errors="replace"):
    # a request, or an event registration (counted as "register", as the controller counts them) except the
    # list-* registrations that belong to a streamed command (register, request, unregister)
    m = re.match(r"(\S+ \S+) \S+ vici client \d+ (requests: (\S+)|registered for: (\S+))", line)
    if not m or m.group(3) == "reload-settings" or (m.group(4) or "").startswith("list-"):
        continue
    reqs.append((datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S"), m.group(3) or "register"))
bursts, last = [], None
for t, cmd in reqs:
    if last is None or (t - last).total_seconds() > 3:
        bursts.append(collections.Counter())
    bursts[-1][cmd] += 1
    last = t
print(f"idle_requests={len(reqs)}")
print(f"idle_bursts={len(bursts)}")
print("idle_burst_sizes=" + " ".join(str(sum(b.values())) for b in bursts))
total = collections.Counter(cmd for _, cmd in reqs)
print("idle_request_kinds=" + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
PY
cp "$log_a" "$out/charon-a.log"; cp "$(bin/vici-lab info "$lab" b | tr ' ' '\n' | sed -n 's/^log=//p')" "$out/charon-b.log"
rec machine_load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
rec duration_s "$(( $(date +%s) - started ))"

report
log "done in $(( $(date +%s) - started )) s"
