#!/usr/bin/python3
"""Wall time per phase of one `greengauge assess` run, from a perf profile (bench/green_bench.sh).

    perf record -F 99 --call-graph dwarf,16384 -o P.data greengauge assess ...
    perf script -i P.data -F tid,time,ip,sym > P.txt
    /usr/bin/python3 bench/perf_phases.py P.txt

Each main-thread sample is given a phase from the greengauge functions on its stack: the
assessment library's (GreenSpacesRun::plan -> read_green_layer / green_polygons_per_zone;
AccessRun::plan -> access_areas: buffers, dissolve, clip; run_passes: the one pass per raster)
or, for a build before the library, the CLI's (measure_green_spaces, access_shares,
zone_population, ...); a phase's wall time is the time from each of its samples to the next
main-thread sample. Worker-thread samples are counted (cpu samples) under the main thread's phase
at that moment. A sampling estimate (99 Hz): about +-0.1 s per phase.
"""
import bisect
import collections
import re
import sys

samples=[]; cur=None
for line in open(sys.argv[1]):
    m=re.match(r'\s*(\d+)\s+([\d.]+):',line)
    if m:
        cur=[int(m.group(1)),float(m.group(2)),[]]; samples.append(cur); continue
    if cur is not None and line.strip():
        cur[2].append(line.strip().split(None,1)[-1])
def phase(st):
    s=" | ".join(st)
    if "AccessRun" in s:
        if "read_green_layer" in s: return "access: read_green_layer again"
        if "access_areas" in s:
            if "dissolve" in s: return "access: dissolve buffers"
            if "GEOSBuffer" in s: return "access: buffers"
            if "GEOSIntersection" in s: return "access: clip zones"
            return "access: other"
        return "access: other"
    if "GreenSpacesRun" in s:
        if "read_green_layer" in s:
            return "green: read_green_layer (dissolve)" if "dissolve" in s else "green: read_green_layer (read/repair)"
        if "green_polygons_per_zone" in s: return "green: clip per zone"
        return "green: other"
    if "run_passes" in s: return "raster passes (one per raster: imagery, population)"
    if "access_shares" in s:
        if "read_green_layer" in s:
            return ("access: read_green_layer again (dissolve)" if "dissolve" in s else "access: read_green_layer again (read/repair)")
        if "read_zones" in s: return "access: read zones"
        if "access_areas" in s:
            if "dissolve" in s: return "access: dissolve buffers"
            if "GEOSBuffer" in s: return "access: buffers"
            if "GEOSIntersection" in s: return "access: clip zones"
            return "access: other"
        if "run_zonal" in s or "RasterSource" in s: return "access: population zonal over access areas"
        return "access: other"
    if "measure_green_spaces" in s:
        if "read_green_layer" in s:
            return "green: read_green_layer (dissolve)" if "dissolve" in s else "green: read_green_layer (read/repair)"
        if "green_polygons_per_zone" in s: return "green: clip per zone"
        if "run_zonal" in s: return "green: imagery outside polygons"
        return "green: other"
    if "zone_population" in s: return "population zonal"
    if "measure_green_cover" in s: return "green cover (imagery)"
    if "run_inputs_table" in s or "sha256" in s: return "sha256 of inputs"
    if "write_gpkg" in s or "append" in s or "write_csv" in s: return "outputs"
    if "main" in s or "run" in s: return "startup/other"
    return None
main_tid=samples[0][0]
timeline=[]
for tid,t,st in samples:
    if tid==main_tid:
        p=phase(st)
        if p: timeline.append((t,p))
# worker samples: assign to the main-thread phase current at that time
wall=collections.OrderedDict(); cpu=collections.Counter()
for i,(t,p) in enumerate(timeline):
    dt=(timeline[i+1][0]-t) if i+1<len(timeline) else 0.0
    wall[p]=wall.get(p,0)+dt
times=[t for t,_ in timeline]
for tid,t,st in samples:
    k=bisect.bisect_right(times,t)-1
    if k>=0: cpu[timeline[k][1]]+=1
tot=sum(wall.values())
print(f"{'phase':48s} {'wall s':>7s} {'share':>6s} {'cpu samples':>11s}")
for p,w in sorted(wall.items(), key=lambda kv:-kv[1]):
    print(f"{p:48s} {w:7.2f} {100*w/tot:5.1f}% {cpu[p]:11d}")
print(f"{'total (first to last main-thread sample)':48s} {tot:7.2f}")
