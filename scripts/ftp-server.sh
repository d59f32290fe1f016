#!/usr/bin/env bash
# FTP upload target for ParkWatch cameras: Debian's pure-ftpd with virtual users, one login per
# camera, each chrooted to inbox/<camera>/. Used by the FTP integration test and by
# docs/deployment.md.
#
#   scripts/ftp-server.sh add-user CAMERA        password on stdin (one line); creates inbox/CAMERA
#   scripts/ftp-server.sh start                  pure-ftpd in the background on FTP_HOST:FTP_PORT
#   scripts/ftp-server.sh stop
#
# Settings (environment):
#   FTP_STATE    folder for the user database, pid file and log    (default /var/lib/parkwatch-ftp;
#                kept out of the service's folder, which the parkwatch user owns)
#   FTP_INBOX    ParkWatch's inbox                                  (default /var/lib/parkwatch/inbox)
#   FTP_ACCOUNT  system user every login writes as; the watcher must be able to move its files
#                                                                   (default parkwatch)
#   FTP_HOST     address to listen on; also the address given for passive mode (default 127.0.0.1)
#   FTP_PORT     control port (default 2121: unprivileged, no clash with a system FTP server)
#   FTP_PASSIVE  passive data ports, FIRST:LAST (default 30000:30009)
#
# pure-ftpd runs as root (it needs it to chroot each session) and drops to FTP_ACCOUNT per login.
set -euo pipefail

FTP_STATE=${FTP_STATE:-/var/lib/parkwatch-ftp}
FTP_INBOX=${FTP_INBOX:-/var/lib/parkwatch/inbox}
FTP_ACCOUNT=${FTP_ACCOUNT:-parkwatch}
FTP_HOST=${FTP_HOST:-127.0.0.1}
FTP_PORT=${FTP_PORT:-2121}
FTP_PASSIVE=${FTP_PASSIVE:-30000:30009}

PASSWD="$FTP_STATE/pureftpd.passwd"
PDB="$FTP_STATE/pureftpd.pdb"
PIDFILE="$FTP_STATE/pure-ftpd.pid"

die() { echo "ftp-server: $*" >&2; exit 1; }

preflight() {
    command -v pure-ftpd >/dev/null || die "pure-ftpd is not installed (apt-get install pure-ftpd)"
    command -v pure-pw >/dev/null || die "pure-pw is not installed (apt-get install pure-ftpd)"
    [ "$(id -u)" = 0 ] || die "must run as root: pure-ftpd needs it to confine each login to its folder"
    id -u "$FTP_ACCOUNT" >/dev/null 2>&1 || die "no system user '$FTP_ACCOUNT' (set FTP_ACCOUNT)"
    [ "$(id -u "$FTP_ACCOUNT")" != 0 ] || die "FTP_ACCOUNT must not be root: pure-ftpd refuses root logins"
}

# The camera id rule of docs/configuration.md, so the login's folder is the camera's folder as is.
valid_camera() { [[ "$1" =~ ^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$ ]]; }

add_user() {
    local camera=${1:-}
    valid_camera "$camera" || die "bad camera id '$camera' (1-64 of A-Z a-z 0-9 . _ -, no leading dot)"
    preflight
    local password
    IFS= read -r password || true
    [ -n "$password" ] || die "no password on stdin"
    mkdir -p "$FTP_STATE" && chmod 700 "$FTP_STATE"
    # The folder belongs to FTP_ACCOUNT so uploads can be written, and to nobody else's login.
    install -d -o "$FTP_ACCOUNT" -g "$(id -gn "$FTP_ACCOUNT")" -m 0750 "$FTP_INBOX/$camera"
    touch "$PASSWD"
    pure-pw userdel "$camera" -f "$PASSWD" -m 2>/dev/null || true
    # -d (not -D): the login is chrooted to its camera folder and cannot see or write elsewhere.
    printf '%s\n%s\n' "$password" "$password" | pure-pw useradd "$camera" -f "$PASSWD" -F "$PDB" \
        -u "$FTP_ACCOUNT" -g "$(id -gn "$FTP_ACCOUNT")" -d "$(cd "$FTP_INBOX/$camera" && pwd -P)" -m >/dev/null
    echo "ftp-server: login '$camera' writes to $FTP_INBOX/$camera"
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
    preflight
    [ -f "$PDB" ] || die "no logins yet in $PDB (run: scripts/ftp-server.sh add-user CAMERA)"
    running && die "already running (pid $(cat "$PIDFILE"))"
    rm -f "$PIDFILE"
    # -0: uploads go to a hidden temporary file renamed into place when complete, so the watcher
    #     (which ignores dotfiles and reacts to IN_MOVED_TO) never sees half a photo.
    # -x: a camera cannot upload a dotfile, which the watcher would ignore forever.
    # -E -A: no anonymous access, every login chrooted. -R: no chmod. -H: no reverse DNS.
    # -u 1: refuse uid 0. -U 137:027: files readable by the account's group (the watcher), no one else.
    # Its output goes to a file and every other inherited descriptor is closed: a daemon holding
    # one of our caller's pipes or sockets keeps the caller waiting for an end that never comes.
    (close_inherited_descriptors; exec pure-ftpd -B -g "$PIDFILE" -S "$FTP_HOST,$FTP_PORT" -p "$FTP_PASSIVE" \
        -P "$FTP_HOST" -l "puredb:$PDB" -E -A -0 -x -R -H -u 1 -U 137:027 -O "clf:$FTP_STATE/transfer.log") \
        </dev/null >"$FTP_STATE/pure-ftpd.out" 2>&1 || die "pure-ftpd did not start: $(cat "$FTP_STATE/pure-ftpd.out")"
    wait_listening || die "pure-ftpd is not listening on $FTP_HOST:$FTP_PORT after 5 s: $(cat "$FTP_STATE/pure-ftpd.out")"
    echo "ftp-server: listening on ftp://$FTP_HOST:$FTP_PORT (passive $FTP_PASSIVE), pid $(cat "$PIDFILE")"
}

close_inherited_descriptors() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

# The daemon forks before it binds; wait until the control port answers with a greeting.
wait_listening() {
    for _ in $(seq 50); do
        if running && (exec 3<>"/dev/tcp/$FTP_HOST/$FTP_PORT") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

stop() {
    if running; then
        local pid
        pid=$(cat "$PIDFILE")
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        echo "ftp-server: stopped (pid $pid)"
    fi
    rm -f "$PIDFILE"
}

case "${1:-}" in
    add-user) shift; add_user "$@" ;;
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 add-user CAMERA | start | stop   (settings: see the top of this script)" >&2; exit 2 ;;
esac
