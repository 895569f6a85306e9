#pragma once
// How a spectrum's channels are made from events, per instrument, as the missions' own tools do:
//   XMM-Newton EPIC pn : PI 0..20479 eV in bins of 5 eV   -> channels 0..4095
//   XMM-Newton EPIC MOS: PI 0..11999 eV in bins of 15 eV  -> channels 0..799
//   Chandra ACIS       : PI 1..1024 as they are
//   anything else      : PI as it is, from the column's TLMIN..TLMAX (else 0..max PI found)
// These match the demo's responses (sim/AnalyticResponse.h) and SAS/CIAO defaults.

#include <cstdint>
#include <span>
#include <vector>

#include <QString>

#include "events/EventList.h"

namespace xsky::products {

struct ChannelScheme {
  int firstChannel = 0;  // number of the first channel (TLMIN of CHANNEL)
  int channels = 0;      // DETCHANS
  int piPerChannel = 1;  // channel = PI / piPerChannel (integer division)
  int piMin = 0;         // first PI of channel firstChannel
  QString description;   // e.g. "PI 0-20479 eV / 5 -> 4096 channels"

  /// Channel of a PI value, or -1 when it lies outside the scheme.
  int channelOf(int32_t pi) const {
    if (pi < piMin) return -1;
    const int c = firstChannel + (pi - piMin) / piPerChannel;
    return c < firstChannel + channels ? c : -1;
  }
};

/// Throws xsky::Error when the list has no PI column.
ChannelScheme channelSchemeFor(const events::EventList& list);

/// Counts per channel of the events `rows` (index 0 is channel firstChannel).
std::vector<int32_t> binChannels(const events::EventList& list, std::span<const uint32_t> rows,
                                 const ChannelScheme& scheme);

}  // namespace xsky::products
