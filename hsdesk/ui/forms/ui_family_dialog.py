# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'family_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_FamilyDialog(object):
    def setupUi(self, FamilyDialog):
        if not FamilyDialog.objectName():
            FamilyDialog.setObjectName(u"FamilyDialog")
        FamilyDialog.resize(460, 200)
        FamilyDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(FamilyDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.referenceLabel = QLabel(FamilyDialog)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.reference = QLineEdit(FamilyDialog)
        self.reference.setObjectName(u"reference")
        self.reference.setMaxLength(40)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reference)

        self.supportStartLabel = QLabel(FamilyDialog)
        self.supportStartLabel.setObjectName(u"supportStartLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.supportStartLabel)

        self.supportStart = QLineEdit(FamilyDialog)
        self.supportStart.setObjectName(u"supportStart")
        self.supportStart.setMaxLength(10)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.supportStart)

        self.supportEndLabel = QLabel(FamilyDialog)
        self.supportEndLabel.setObjectName(u"supportEndLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.supportEndLabel)

        self.supportEnd = QLineEdit(FamilyDialog)
        self.supportEnd.setObjectName(u"supportEnd")
        self.supportEnd.setMaxLength(10)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.supportEnd)

        self.notesLabel = QLabel(FamilyDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = QPlainTextEdit(FamilyDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notes)


        self.verticalLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(FamilyDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.referenceLabel.setBuddy(self.reference)
        self.supportStartLabel.setBuddy(self.supportStart)
        self.supportEndLabel.setBuddy(self.supportEnd)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FamilyDialog)

        QMetaObject.connectSlotsByName(FamilyDialog)
    # setupUi

    def retranslateUi(self, FamilyDialog):
        FamilyDialog.setWindowTitle(QCoreApplication.translate("FamilyDialog", u"Family", None))
        self.referenceLabel.setText(QCoreApplication.translate("FamilyDialog", u"&Reference", None))
        self.reference.setPlaceholderText(QCoreApplication.translate("FamilyDialog", u"e.g. FAM-0123 (no names)", None))
        self.supportStartLabel.setText(QCoreApplication.translate("FamilyDialog", u"Support &started", None))
        self.supportStart.setPlaceholderText(QCoreApplication.translate("FamilyDialog", u"dd/mm/yyyy", None))
        self.supportEndLabel.setText(QCoreApplication.translate("FamilyDialog", u"Support &ended", None))
        self.supportEnd.setPlaceholderText(QCoreApplication.translate("FamilyDialog", u"dd/mm/yyyy", None))
        self.notesLabel.setText(QCoreApplication.translate("FamilyDialog", u"&Notes", None))
    # retranslateUi

