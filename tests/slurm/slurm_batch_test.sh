#!/usr/bin/env bash
# A real Slurm on this machine (Debian slurm-wlm and munge), started here and stopped after, as
# the PostGIS test server is: slurmctld + slurmd on 127.0.0.1 with state and spool in a temp
# dir. `greengauge batch --slurm 4` writes the job array (4 shards of 8 tasks) and the merge job,
# they are submitted with the command it prints, and the merged outputs must be the bytes of a
# single-process run of the same manifest.
# Usage: tests/slurm/slurm_batch_test.sh GREENGAUGE DATA_DIR
set -euo pipefail
gg=$(realpath "$1")
data=$(realpath "$2")
for p in slurmctld slurmd munged sbatch squeue sinfo; do
    command -v "$p" >/dev/null || { echo "slurm test: $p not found (apt-get install slurm-wlm munge)"; exit 1; }
done

work=$(mktemp -d /tmp/gg-slurm.XXXXXX)
chmod 755 "$work"
pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop EXIT

# munge: its own key, socket and logs in the temp dir.
mkdir -p "$work/munge" && chmod 711 "$work/munge"  # clients need to reach the socket
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" \
    --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
    >"$work/munge/munged.out" 2>&1 &
pids+=($!)

port=$((20000 + RANDOM % 20000))
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
mkdir -p "$work/state" "$work/spool" "$work/log"
cat > "$work/slurm.conf" <<CONF
ClusterName=ggtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
sleep 1
slurmctld -D -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    state=$(sinfo -h -N -o '%t' 2>/dev/null || true)
    [[ "$state" == idle* ]] && break
    sleep 1
done
[[ "$state" == idle* ]] || { echo "slurm test: the node did not come up (state '$state')"; cat "$work"/log/*; exit 1; }

# 8 tasks: the grid's four cells as zone sets x the two real dates.
cat > "$work/m.yaml" <<YAML
project: $data/demo/landsat_sample.yaml
name: cells
zone_sets:
  - split_by: cell
scenes:
  glob: $data/landsat/*_MTL.txt
periods: per_date
YAML
"$gg" batch "$work/m.yaml" -o "$work/one" -q || { echo "slurm test: the single-process run failed"; exit 1; }
printed=$("$gg" batch "$work/m.yaml" -o "$work/cluster" --slurm 4 --cpus-per-task 1 --task-minutes 5)
echo "$printed"
# A time limit of 5 minutes per task of the largest shard, which Slurm accepted if the jobs ran.
limit=$(sed -n 's/^#SBATCH --time=//p' "$work/cluster/slurm/shards.sbatch")
[[ -n $limit && $((limit % 5)) == 0 && $limit -ge 10 ]] || { echo "slurm test: time limit '$limit'"; exit 1; }
submit=$(printf '%s\n' "$printed" | tail -1 | sed 's/^ *//')
eval "$submit"
for _ in $(seq 300); do
    [[ -z "$(squeue -h -o %i 2>/dev/null)" ]] && break
    sleep 1
done
[[ -z "$(squeue -h -o %i)" ]] || { echo "slurm test: jobs still queued after 300 s"; squeue; exit 1; }

status=0
shards=$(ls "$work"/cluster/slurm/shard-*.log 2>/dev/null | wc -l)
[[ $shards == 4 ]] || { echo "slurm test: $shards shard logs, expected 4"; status=1; }
for f in cells.gpkg cells_zone_periods.csv cells_zone_series.csv cells_zone_trends.csv batch_report.csv cells.xlsx; do
    if ! cmp -s "$work/one/$f" "$work/cluster/$f"; then
        echo "slurm test: $f differs from the single-process run"
        status=1
    fi
done
tasks=$(ls "$work"/cluster/tasks/*.json | wc -l)
[[ $tasks == 8 ]] || { echo "slurm test: $tasks task results, expected 8"; status=1; }
if [[ $status != 0 ]]; then cat "$work"/cluster/slurm/*.log "$work"/log/*.log 2>/dev/null | tail -40; fi
[[ $status == 0 ]] && echo "slurm test: 4 shards x 8 tasks + merge on Slurm: merged outputs identical to one process"
exit $status
