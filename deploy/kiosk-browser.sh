#!/bin/sh
# Opens the kiosk page in Chromium, as the last step of community-kiosk-browser@.service (cage
# runs this script as its one application). The page needs the host's current one-time launch
# ticket: wait for the file the host writes it to, read it, and open
#   $KIOSK_URL?launch=<ticket>
# in kiosk mode. When Chromium exits, cage and the unit exit, and systemd starts this again,
# which reads the next ticket.
set -eu

ticket_file=${KIOSK_TICKET_FILE:-/run/community-kiosk/launch-ticket}
kiosk_url=${KIOSK_URL:-http://127.0.0.1:8730/}
wait_seconds=${KIOSK_TICKET_WAIT_SECONDS:-120}
profile_dir=${KIOSK_PROFILE_DIR:-${RUNTIME_DIRECTORY:?no RuntimeDirectory for the Chromium profile}/chromium}
chromium=${KIOSK_CHROMIUM:-chromium}

waited=0
while [ ! -s "$ticket_file" ]; do
  if [ "$waited" -ge "$((wait_seconds * 2))" ]; then
    echo "kiosk-browser: no launch ticket in $ticket_file after ${wait_seconds} s" >&2
    exit 1
  fi
  sleep 0.5
  waited=$((waited + 1))
done

ticket=$(head -n 1 "$ticket_file" | tr -d '\r\n')
case $ticket in
  '' | *[!A-Za-z0-9._~-]*)
    # Only URL-safe characters may go into the URL; anything else is not a ticket of the host.
    echo "kiosk-browser: $ticket_file does not hold a launch ticket" >&2
    exit 1
    ;;
esac

# The flags of browser mode (sim/launch.ts chromiumKioskArgs) plus Wayland for cage.
exec "$chromium" \
  --kiosk \
  "--app=${kiosk_url}?launch=${ticket}" \
  --disable-pinch \
  --autoplay-policy=no-user-gesture-required \
  --overscroll-history-navigation=0 \
  --no-first-run \
  --disable-background-networking \
  --disable-component-update \
  --disable-sync \
  --ozone-platform=wayland \
  --password-store=basic \
  "--user-data-dir=${profile_dir}"
