#pragma once
// The vocabulary of regions: which frame a region's numbers live in, the coordinate systems of
// region files, include/exclude and source/background.
//
// Angle convention (all frames): degrees, counter-clockwise from the frame's +x direction.
//  - Image/Physical: +x is the pixel x axis, so 90 is +y.
//  - Sky: +x is West and +y North, as on a north-up east-left picture (DS9's convention), so 0 is
//    West, 90 is North, 180 is East; measured in the frame's own north (ICRS for Frame::Sky).

#include <QString>

namespace xsky::regions {

/// Where a region's numbers live. Every region carries exactly one.
enum class Frame {
  Sky,       ///< ICRS: positions (RA, Dec) degrees; sizes degrees of arc on the sky
  Image,     ///< FITS 1-based pixels of a reference image; sizes in those pixels
  Physical,  ///< IRAF physical pixels (for X-ray event lists these are the X/Y sky columns)
};

/// The coordinate systems a region file can be written in (DS9's names).
enum class CoordSystem { Image, Physical, Fk4, Fk5, Icrs, Galactic, Ecliptic };

/// How sky positions are printed.
enum class SkyFormat { Degrees, Sexagesimal };

/// What a region is for.
enum class Role {
  Source,      ///< the emission to measure
  Background,  ///< an estimate of the background under the source
};

/// A position or a pair of sizes: (lon, lat) degrees in Frame::Sky, (x, y) pixels otherwise.
struct Vec2 {
  double x = 0;
  double y = 0;
  friend bool operator==(const Vec2&, const Vec2&) = default;
};

/// The coordinate system whose numbers a frame holds (Sky -> Icrs).
CoordSystem systemOf(Frame frame);
/// True for the celestial systems (Fk4 ... Ecliptic).
bool isSkySystem(CoordSystem system);
/// DS9's lower-case name ("image", "physical", "fk4", "fk5", "icrs", "galactic", "ecliptic").
QString systemName(CoordSystem system);
/// Parses a DS9 system keyword (also "b1950" = fk4, "j2000" = fk5); false when unknown.
bool parseSystemName(const QString& word, CoordSystem* system);
/// "sky", "image" or "physical".
QString frameName(Frame frame);

}  // namespace xsky::regions
