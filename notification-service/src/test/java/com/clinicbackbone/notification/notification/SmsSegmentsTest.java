package com.clinicbackbone.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7TextsUse160CharactersInOneSegmentAnd153PerSegmentWhenSplit() {
        assertThat(SmsSegments.measure("x".repeat(160))).isEqualTo(new SmsSegments.Measure("GSM-7", 160, 1));
        assertThat(SmsSegments.measure("x".repeat(161))).isEqualTo(new SmsSegments.Measure("GSM-7", 161, 2));
        assertThat(SmsSegments.measure("x".repeat(306))).isEqualTo(new SmsSegments.Measure("GSM-7", 306, 2));
        assertThat(SmsSegments.measure("x".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionTableCharactersStayGsm7ButCountTwice() {
        assertThat(SmsSegments.measure("€[]")).isEqualTo(new SmsSegments.Measure("GSM-7", 6, 1));
        assertThat(SmsSegments.measure("Répondez à 9h30 Ç é")).extracting(SmsSegments.Measure::encoding)
                .isEqualTo("GSM-7");
    }

    @Test
    void anyCharacterOutsideGsm7MakesItUcs2With70And67() {
        assertThat(SmsSegments.measure("août")).isEqualTo(new SmsSegments.Measure("UCS-2", 4, 1));
        assertThat(SmsSegments.measure("ç" + "x".repeat(69)).segments()).isEqualTo(1);
        assertThat(SmsSegments.measure("ç" + "x".repeat(70)).segments()).isEqualTo(2);
        assertThat(SmsSegments.measure("ç" + "x".repeat(133)).segments()).isEqualTo(2);
        assertThat(SmsSegments.measure("ç" + "x".repeat(134)).segments()).isEqualTo(3);
    }
}
