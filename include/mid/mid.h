/* mid-kiosk — umbrella header. */
#ifndef MID_H
#define MID_H
#include "mid_base45.h"
#include "mid_cbor.h"
#include "mid_cose.h"
#include "mid_crypto.h"
#include "mid_err.h"
#include "mid_korean.h"
#include "mid_limits.h"
#include "mid_payload.h"
#include "mid_purpose.h"
#include "mid_trust.h"
#include "mid_unicode.h"
#include "mid_verify.h"
#endif
