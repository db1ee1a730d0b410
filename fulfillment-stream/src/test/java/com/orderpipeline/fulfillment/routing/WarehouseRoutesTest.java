package com.orderpipeline.fulfillment.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.fulfillment.Orders;
import org.junit.jupiter.api.Test;

class WarehouseRoutesTest {
    private final WarehouseRoutes routes = WarehouseRoutes.parse("US:NYC-1, US-98:SEA-1, US-981:TAC-2, DE:BER-1, GB-SW1A:LON-1", "WH-1");

    @Test
    void theLongestMatchingPostalPrefixWinsThenTheCountryThenTheDefault() {
        assertThat(routes.warehouseFor(Orders.address("US", "98109"))).isEqualTo("TAC-2");
        assertThat(routes.warehouseFor(Orders.address("US", "98004"))).isEqualTo("SEA-1");
        assertThat(routes.warehouseFor(Orders.address("US", "10001"))).isEqualTo("NYC-1");
        assertThat(routes.warehouseFor(Orders.address("DE", null))).isEqualTo("BER-1");
        assertThat(routes.warehouseFor(Orders.address("FR", "75001"))).isEqualTo("WH-1");
    }

    @Test
    void readsCountriesAndPostalCodesInAnyCaseAndSpacing() {
        assertThat(routes.warehouseFor(Orders.address("gb", "sw1a 1aa"))).isEqualTo("LON-1");
        assertThat(routes.warehouseFor(Orders.address("us", "98 109"))).isEqualTo("TAC-2");
    }

    @Test
    void sendsEveryOrderToTheDefaultWarehouseWithoutRoutes() {
        assertThat(WarehouseRoutes.parse("", "WH-9").warehouseFor(Orders.address("US", "98109"))).isEqualTo("WH-9");
    }

    @Test
    void namesTheEntryThatIsNotARoute() {
        assertThatThrownBy(() -> WarehouseRoutes.parse("US:NYC-1,USA:X", "WH-1"))
                .hasMessage("'USA:X' is not a route: write COUNTRY:WAREHOUSE or COUNTRY-POSTALPREFIX:WAREHOUSE,"
                        + " such as US:NYC-1 or US-98:SEA-1");
        assertThatThrownBy(() -> WarehouseRoutes.parse("US:NYC-1,us:SEA-1", "WH-1"))
                .hasMessage("'us:SEA-1' routes US a second time");
        assertThatThrownBy(() -> WarehouseRoutes.parse("", "main warehouse"))
                .hasMessageContaining("'main warehouse' is not a warehouse id");
    }
}
