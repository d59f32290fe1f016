// Eclipse Mosquitto's C client library, as Debian's libmosquitto-dev installs it. Only
// ParkWatchMQTT's MosquittoClient sees these declarations.
#include <mosquitto.h>
