#include "gui/HduDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QSpinBox>

#include "fits/FitsError.h"
#include "info/FileInfo.h"

namespace xsky::app {

HduDialog::HduDialog(const QString& path, QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("hduDialog"));
  setWindowTitle(tr("Open %1").arg(QFileInfo(path).fileName()));
  hdus_ = new QComboBox(this);
  hdus_->setObjectName(QStringLiteral("hduChoice"));
  plane_ = new QSpinBox(this);
  plane_->setObjectName(QStringLiteral("planeChoice"));
  const QJsonObject info = info::describeFile(path);
  for (const QJsonValue& v : info[QStringLiteral("hdus")].toArray()) {
    const QJsonObject hdu = v.toObject();
    const QJsonArray shape = hdu[QStringLiteral("shape")].toArray();
    if (hdu[QStringLiteral("type")].toString() != QLatin1String("image") || shape.size() < 2) continue;
    QStringList dims;
    long planes = 1;
    for (int k = 0; k < shape.size(); ++k) {
      dims << QString::number(shape[k].toInteger());
      if (k >= 2) planes *= static_cast<long>(shape[k].toInteger());
    }
    hdus_->addItem(tr("HDU %1  %2  (%3)").arg(hdu[QStringLiteral("index")].toInt())
                       .arg(hdu[QStringLiteral("name")].toString(), dims.join(QLatin1Char('x'))),
                   hdu[QStringLiteral("index")].toInt());
    planes_.push_back(planes);
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* form = new QFormLayout(this);
  form->addRow(tr("Image HDU"), hdus_);
  form->addRow(tr("Plane"), plane_);
  form->addRow(buttons);
  connect(hdus_, &QComboBox::currentIndexChanged, this, &HduDialog::hduChanged);
  hduChanged();
}

int HduDialog::imageHduCount() const { return hdus_->count(); }

void HduDialog::hduChanged() {
  const int i = hdus_->currentIndex();
  const long planes = i >= 0 ? planes_[static_cast<size_t>(i)] : 1;
  plane_->setRange(0, static_cast<int>(std::max(0L, planes - 1)));
  plane_->setEnabled(planes > 1);
  plane_->setSuffix(planes > 1 ? tr(" of %1").arg(planes) : QString());
}

imaging::LoadOptions HduDialog::options() const {
  imaging::LoadOptions o;
  o.hdu = hdus_->currentData().toInt();
  o.plane = plane_->value();
  return o;
}

std::optional<imaging::LoadOptions> HduDialog::choose(const QString& path, QWidget* parent, QString* error) {
  try {
    HduDialog dialog(path, parent);
    if (dialog.imageHduCount() == 0) {
      *error = tr("%1 holds no image").arg(path);
      return std::nullopt;
    }
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return dialog.options();
  } catch (const Error& e) {
    *error = e.message();
    return std::nullopt;
  }
}

}  // namespace xsky::app
