/* mid-kiosk — the libcurl transport of the sync agent (src/net/curl.c).
 * Only mid-sync links it; the kiosk process opens no network socket. */
#ifndef MID_NET_H
#define MID_NET_H

#include "mid_sync.h"

/* curl_global_init once per process; fills tp with the libcurl GET. */
mid_err mid_net_curl_init(mid_sync_transport *tp);
void mid_net_curl_cleanup(void);

#endif
