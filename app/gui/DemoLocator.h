#pragma once
// Where the bundled demo sky is: $XSKY_DEMO_DIR, the build tree's demo/ next to app/, the
// installed share/xsky/demo, or the user's data folder (generated there on first start).

#include <QString>

namespace xsky::app {

/// An existing demo folder (one holding truth.json), or empty when none exists yet.
QString findDemoDir();
/// Where to generate the demo when none exists: a folder in the user's data location.
QString defaultDemoGenerationDir();

}  // namespace xsky::app
