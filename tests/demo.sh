#!/bin/sh
# make demo: copy the worked example into build/demo, give it a synthetic
# event store, and open it on the board.  The copy keeps the repository's
# example pristine however much the demo is edited.
set -eu
bin=$1
mkdir -p build/demo
[ -e build/demo/sneakers.yaml ] || cp maps/sneakers.yaml build/demo/sneakers.yaml
if [ ! -e build/demo/sneakers-events.db ]; then
	echo "waymark: generating the demo event store build/demo/sneakers-events.db"
	"$bin" events demo build/demo/sneakers-events.db --map build/demo/sneakers.yaml
fi
if [ -t 0 ] && [ -t 1 ]; then
	exec "$bin" --overlay build/demo/sneakers.yaml
fi
echo "waymark: not a terminal; showing the funnel instead of the board"
"$bin" validate build/demo/sneakers.yaml
exec "$bin" funnel build/demo/sneakers.yaml
