#pragma once
// The progress/cancel hook every long core operation takes. It is called from the thread doing
// the work; fraction is in [0, 1]; returning false asks the operation to stop as soon as it can
// (it then throws xsky::Cancelled and leaves no partial file behind).

#include <functional>

#include <QString>

#include "fits/FitsError.h"

namespace xsky {

using ProgressFn = std::function<bool(double fraction, const QString& stage)>;

/// Thrown by an operation whose ProgressFn returned false.
class Cancelled : public Error {
 public:
  Cancelled() : Error(QStringLiteral("cancelled")) {}
};

/// Calls progress (when set) and throws Cancelled when it asks to stop.
inline void reportProgress(const ProgressFn& progress, double fraction, const QString& stage) {
  if (progress && !progress(fraction, stage)) throw Cancelled();
}

}  // namespace xsky
