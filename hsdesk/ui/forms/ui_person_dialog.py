# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(460, 200)
        PersonDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(PersonDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.firstNameLabel = QLabel(PersonDialog)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.firstNameLabel)

        self.firstName = QLineEdit(PersonDialog)
        self.firstName.setObjectName(u"firstName")
        self.firstName.setMaxLength(100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.firstName)

        self.lastNameLabel = QLabel(PersonDialog)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lastNameLabel)

        self.lastName = QLineEdit(PersonDialog)
        self.lastName.setObjectName(u"lastName")
        self.lastName.setMaxLength(100)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lastName)

        self.kindLabel = QLabel(PersonDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(PersonDialog)
        self.kind.setObjectName(u"kind")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kind)

        self.volunteerStatusLabel = QLabel(PersonDialog)
        self.volunteerStatusLabel.setObjectName(u"volunteerStatusLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.volunteerStatusLabel)

        self.volunteerStatus = QComboBox(PersonDialog)
        self.volunteerStatus.setObjectName(u"volunteerStatus")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.volunteerStatus)

        self.dateOfBirthLabel = QLabel(PersonDialog)
        self.dateOfBirthLabel.setObjectName(u"dateOfBirthLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.dateOfBirthLabel)

        self.dateOfBirth = QLineEdit(PersonDialog)
        self.dateOfBirth.setObjectName(u"dateOfBirth")
        self.dateOfBirth.setMaxLength(10)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.dateOfBirth)

        self.emailLabel = QLabel(PersonDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(PersonDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(200)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.email)

        self.phoneLabel = QLabel(PersonDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(PersonDialog)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(50)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phone)

        self.startDateLabel = QLabel(PersonDialog)
        self.startDateLabel.setObjectName(u"startDateLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.startDateLabel)

        self.startDate = QLineEdit(PersonDialog)
        self.startDate.setObjectName(u"startDate")
        self.startDate.setMaxLength(10)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.startDate)

        self.endDateLabel = QLabel(PersonDialog)
        self.endDateLabel.setObjectName(u"endDateLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.endDateLabel)

        self.endDate = QLineEdit(PersonDialog)
        self.endDate.setObjectName(u"endDate")
        self.endDate.setMaxLength(10)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.endDate)

        self.familyLabel = QLabel(PersonDialog)
        self.familyLabel.setObjectName(u"familyLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.familyLabel)

        self.family = QComboBox(PersonDialog)
        self.family.setObjectName(u"family")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.family)

        self.guardianLabel = QLabel(PersonDialog)
        self.guardianLabel.setObjectName(u"guardianLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.guardianLabel)

        self.guardian = QComboBox(PersonDialog)
        self.guardian.setObjectName(u"guardian")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.guardian)

        self.notesLabel = QLabel(PersonDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = QPlainTextEdit(PersonDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.notes)


        self.verticalLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(PersonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.firstNameLabel.setBuddy(self.firstName)
        self.lastNameLabel.setBuddy(self.lastName)
        self.kindLabel.setBuddy(self.kind)
        self.volunteerStatusLabel.setBuddy(self.volunteerStatus)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirth)
        self.emailLabel.setBuddy(self.email)
        self.phoneLabel.setBuddy(self.phone)
        self.startDateLabel.setBuddy(self.startDate)
        self.endDateLabel.setBuddy(self.endDate)
        self.familyLabel.setBuddy(self.family)
        self.guardianLabel.setBuddy(self.guardian)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PersonDialog)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.firstNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&First name", None))
        self.lastNameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Last name", None))
        self.kindLabel.setText(QCoreApplication.translate("PersonDialog", u"&Role", None))
        self.volunteerStatusLabel.setText(QCoreApplication.translate("PersonDialog", u"&Volunteer status", None))
        self.dateOfBirthLabel.setText(QCoreApplication.translate("PersonDialog", u"Date of &birth", None))
        self.dateOfBirth.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"dd/mm/yyyy", None))
        self.emailLabel.setText(QCoreApplication.translate("PersonDialog", u"&Email", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonDialog", u"&Phone", None))
        self.startDateLabel.setText(QCoreApplication.translate("PersonDialog", u"&Started", None))
        self.startDate.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"dd/mm/yyyy", None))
        self.endDateLabel.setText(QCoreApplication.translate("PersonDialog", u"En&ded", None))
        self.endDate.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"dd/mm/yyyy", None))
        self.familyLabel.setText(QCoreApplication.translate("PersonDialog", u"F&amily", None))
        self.guardianLabel.setText(QCoreApplication.translate("PersonDialog", u"Parent or &guardian", None))
        self.notesLabel.setText(QCoreApplication.translate("PersonDialog", u"&Notes", None))
    # retranslateUi

