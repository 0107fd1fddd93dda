# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'office_holding_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_OfficeHoldingDialog(object):
    def setupUi(self, OfficeHoldingDialog):
        if not OfficeHoldingDialog.objectName():
            OfficeHoldingDialog.setObjectName(u"OfficeHoldingDialog")
        OfficeHoldingDialog.resize(460, 200)
        OfficeHoldingDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(OfficeHoldingDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.officeLabel = QLabel(OfficeHoldingDialog)
        self.officeLabel.setObjectName(u"officeLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.officeLabel)

        self.office = QComboBox(OfficeHoldingDialog)
        self.office.setObjectName(u"office")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.office)

        self.personLabel = QLabel(OfficeHoldingDialog)
        self.personLabel.setObjectName(u"personLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.personLabel)

        self.person = QComboBox(OfficeHoldingDialog)
        self.person.setObjectName(u"person")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.person)

        self.fromDateLabel = QLabel(OfficeHoldingDialog)
        self.fromDateLabel.setObjectName(u"fromDateLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fromDateLabel)

        self.fromDate = QLineEdit(OfficeHoldingDialog)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setMaxLength(10)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.fromDate)

        self.toDateLabel = QLabel(OfficeHoldingDialog)
        self.toDateLabel.setObjectName(u"toDateLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.toDateLabel)

        self.toDate = QLineEdit(OfficeHoldingDialog)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setMaxLength(10)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.toDate)

        self.acting = QCheckBox(OfficeHoldingDialog)
        self.acting.setObjectName(u"acting")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.acting)

        self.actingReasonLabel = QLabel(OfficeHoldingDialog)
        self.actingReasonLabel.setObjectName(u"actingReasonLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.actingReasonLabel)

        self.actingReason = QLineEdit(OfficeHoldingDialog)
        self.actingReason.setObjectName(u"actingReason")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.actingReason)


        self.verticalLayout.addLayout(self.formLayout)

        self.eligibilityHint = QLabel(OfficeHoldingDialog)
        self.eligibilityHint.setObjectName(u"eligibilityHint")
        self.eligibilityHint.setWordWrap(True)

        self.verticalLayout.addWidget(self.eligibilityHint)

        self.buttonBox = QDialogButtonBox(OfficeHoldingDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.officeLabel.setBuddy(self.office)
        self.personLabel.setBuddy(self.person)
        self.fromDateLabel.setBuddy(self.fromDate)
        self.toDateLabel.setBuddy(self.toDate)
        self.actingReasonLabel.setBuddy(self.actingReason)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OfficeHoldingDialog)

        QMetaObject.connectSlotsByName(OfficeHoldingDialog)
    # setupUi

    def retranslateUi(self, OfficeHoldingDialog):
        OfficeHoldingDialog.setWindowTitle(QCoreApplication.translate("OfficeHoldingDialog", u"Office holding", None))
        self.officeLabel.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&Office", None))
        self.personLabel.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&Held by", None))
        self.fromDateLabel.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&From", None))
        self.fromDate.setPlaceholderText(QCoreApplication.translate("OfficeHoldingDialog", u"dd/mm/yyyy", None))
        self.toDateLabel.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&To", None))
        self.toDate.setPlaceholderText(QCoreApplication.translate("OfficeHoldingDialog", u"dd/mm/yyyy", None))
        self.acting.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&Acting cover (standing in for the holder)", None))
        self.actingReasonLabel.setText(QCoreApplication.translate("OfficeHoldingDialog", u"&Why acting", None))
        self.actingReason.setPlaceholderText(QCoreApplication.translate("OfficeHoldingDialog", u"e.g. Chair on leave until March", None))
        self.eligibilityHint.setText(QCoreApplication.translate("OfficeHoldingDialog", u"The Chair and Vice Chair are trustees; the Scheme Development Manager and Volunteer Development Officer are members of staff. Leave \u201cTo\u201d empty while the holding continues.", None))
    # retranslateUi

