// The checks every matcher (batch dedup, the persistent index) makes of its
// fingerprint parameters and relation thresholds before it starts.
#pragma once

#include "reprint/fingerprint.h"
#include "reprint/similarity.h"
#include "reprint/status.h"

namespace reprint::verify {

Status CheckMatchParameters(const FingerprintOptions& fingerprint, const RelationThresholds& thresholds);

}  // namespace reprint::verify
