#pragma once
// The three XMM-Newton EPIC cameras the demo sky simulates, and their names as SAS writes them.

#include <array>

#include <QString>

namespace xsky::sim {

enum class Camera { Pn, Mos1, Mos2 };

inline constexpr std::array<Camera, 3> kAllCameras{Camera::Pn, Camera::Mos1, Camera::Mos2};

/// Short lower-case name used in file names and truth.json: "pn", "mos1", "mos2".
inline QString cameraKey(Camera c) {
  switch (c) {
    case Camera::Pn:
      return QStringLiteral("pn");
    case Camera::Mos1:
      return QStringLiteral("mos1");
    case Camera::Mos2:
      return QStringLiteral("mos2");
  }
  return {};
}

/// INSTRUME keyword value: "EPN", "EMOS1", "EMOS2".
inline QString instrumentName(Camera c) {
  switch (c) {
    case Camera::Pn:
      return QStringLiteral("EPN");
    case Camera::Mos1:
      return QStringLiteral("EMOS1");
    case Camera::Mos2:
      return QStringLiteral("EMOS2");
  }
  return {};
}

inline bool isMos(Camera c) { return c != Camera::Pn; }

}  // namespace xsky::sim
