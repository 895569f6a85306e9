#pragma once
// Numbers as region files write them: coordinates (decimal, "hh:mm:ss.s", "NNhNNmNNs",
// "+dd:mm:ss", "NNdNNmNNs", "202.48d"), lengths with unit suffixes (" '' ' d r p i) and angles
// (degrees, or radians with r). Meaning depends on the coordinate system in force; these
// functions only read the text.

#include <optional>

#include <QString>

namespace xsky::regions {

/// A coordinate as written.
struct CoordToken {
  enum class Form {
    Plain,           ///< a bare number: pixels or degrees, depending on the system
    Degrees,         ///< "202.48d" or "47d12m36s": degrees, whatever the system
    Hours,           ///< "13h29m55.2s": hours
    Colon,           ///< "13:29:55.2": hours for RA, degrees otherwise
    ImagePixels,     ///< "100i"
    PhysicalPixels,  ///< "100p"
  };
  Form form = Form::Plain;
  double value = 0;  // in the unit of the first field (hours or degrees), sign applied
};

std::optional<CoordToken> parseCoordToken(const QString& text);

/// True when the token is written as a sky coordinate (sexagesimal or with a 'd' suffix).
bool isSkyCoordToken(const CoordToken& token);

/// A length as written.
struct LengthToken {
  enum class Unit { Default, Degrees, ImagePixels, PhysicalPixels };
  Unit unit = Unit::Default;
  double value = 0;  // degrees when unit == Degrees (arcsec, arcmin, radians converted)
};

std::optional<LengthToken> parseLengthToken(const QString& text);

/// An angle in degrees ("30", "30d", "0.5r").
std::optional<double> parseAngleToken(const QString& text);

/// A plain number (no unit); nullopt otherwise.
std::optional<double> parseNumber(const QString& text);

}  // namespace xsky::regions
